#!/usr/bin/env bash
# notebooks/run.sh OUT.ipynb: packs the libraries, executes notebooks/seed.ipynb headless with
# dotnet-repl (no IDE, no Jupyter), writes the executed copy, outputs included, to OUT.ipynb and
# checks it (notebooks/verify.py: every cell ran without error, test_accuracy >= 0.975, the plots
# are images). Exits 2 when a cell failed, printing each failing cell's error; 1 when the check
# failed otherwise. dotnet-repl is installed on first use into $HANDWRITING_TOOLS
# (default ~/.cache/handwriting/tools).
set -euo pipefail
if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: notebooks/run.sh OUT.ipynb" >&2
  exit 64
fi
out=$(realpath -m -- "$1")
[ -d "$(dirname "$out")" ] || { echo "$1: the folder $(dirname "$out") does not exist" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
started=$SECONDS

"$here/../.ci/pack" > /dev/null

repl_version=0.3.259
tools="${HANDWRITING_TOOLS:-$HOME/.cache/handwriting/tools}/dotnet-repl-$repl_version"
if [ ! -x "$tools/dotnet-repl" ]; then
  dotnet tool install dotnet-repl --version "$repl_version" --tool-path "$tools" > /dev/null
fi

# Written next to OUT and moved there whole, so OUT is never a half-written notebook. The kernel
# runs in notebooks/, whose NuGet.config names the package folder.
partial=$(mktemp "$out.XXXXXX")
trap 'rm -f "$partial"' EXIT
status=0
(cd "$here" && "$tools/dotnet-repl" --run seed.ipynb --exit-after-run --output-path "$partial") > "$partial.log" 2>&1 || status=$?
if [ ! -s "$partial" ]; then
  tail -n 20 "$partial.log" >&2
  rm -f "$partial.log"
  echo "dotnet-repl exited $status without writing the executed notebook" >&2
  exit 1
fi
rm -f "$partial.log"
mv "$partial" "$out"

check=0
python3 "$here/verify.py" "$out" || check=$?
echo "notebooks/run.sh: $out in $((SECONDS - started)) s (dotnet-repl exited $status)"
if [ "$status" -ne 0 ]; then
  exit 2
fi
exit "$check"
