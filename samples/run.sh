#!/usr/bin/env bash
# samples/run.sh [ARGS...]: packs the libraries and runs the sample against the packages (not the
# projects), e.g. `samples/run.sh --limit 2000`. It writes accuracy.png, loss.png and model.bin
# into the current folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/../.ci/pack" > /dev/null
dotnet run --project "$here/Seed" -c Release -- "$@"
