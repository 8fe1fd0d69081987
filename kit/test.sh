#!/usr/bin/env bash
# Tries the GPU kit on this machine, without a GPU: packs it (or takes an already packed folder),
# copies the folder somewhere else, and runs its run.sh with the CPU accelerator, short settings
# and a PATH on which there is no `dotnet`, then checks what came back. Takes minutes (the CPU
# accelerator trains and benchmarks), so it is not part of `dotnet test`; CI runs only
# `KIT_DRY_RUN=1 kit/run.sh` (see .ci/run).
#
#   kit/test.sh [PACKED_DIR]     (default: pack into a temporary folder first)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

packed=${1:-}
if [ -z "$packed" ]; then
  packed="$scratch/packed"
  bash "$root/kit/pack.sh" "$packed"
fi

# The GPU machine gets the folder and nothing else: copy it, and run it from there.
carried="$scratch/carried"
cp -r "$packed" "$carried"
(cd "$carried" && sha256sum -c SHA256SUMS)

# A PATH with the ordinary tools and Python, and no dotnet.
tools="$scratch/tools"
mkdir -p "$tools"
for tool in bash sh env tar gzip xz timeout awk grep sed tail head cut tr date mkdir rm mv cp ls cat dirname basename nproc uname du sha256sum sleep python3; do
  found=$(command -v "$tool" || true)
  [ -n "$found" ] && ln -s "$found" "$tools/$tool"
done
[ -x /usr/bin/python3 ] && ln -sf /usr/bin/python3 "$tools/python3"

results="$scratch/results"
start=$SECONDS
set +e
env -i HOME="$scratch" PATH="$tools" \
  ACCELERATOR=cpu KIT_WORK="$scratch/work" KIT_TOTAL_SECONDS=1500 KIT_STEP_LIMIT_FACTOR=4 \
  KIT_SEED_EPOCHS=1 KIT_BEST_EPOCHS=1 KIT_LIMIT=3000 \
  KIT_BENCH_EPOCHS=1 KIT_BENCH_BATCHES=128 KIT_BENCH_REFERENCE_STEPS=2 \
  bash "$carried/run.sh" "$results"
status=$?
set -e
echo "run.sh exited $status after $(( SECONDS - start )) s"

failures=0
expect() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1" >&2; failures=$(( failures + 1 )); fi; }
expect "no dotnet on the run's PATH" "! PATH=$tools command -v dotnet >/dev/null"
expect "the summary was written" "[ -s '$results/summary.txt' ]"
expect "gpu fails here, for want of nvidia-smi (and says so)" "grep -q 'nvidia-smi not found' '$results/gpu.txt'"
for step in machine devices check train-seed bench train-best; do
  expect "$step ended well" "awk -F'\t' -v s=$step '\$1 == s && \$2 == \"ok\" { found = 1 } END { exit !found }' '$results/steps.tsv'"
done
expect "check passed on the CPU accelerator" "grep -q '^check on cpu: PASSED' '$results/check.txt'"
expect "train-seed wrote its model and metrics" "[ -s '$results/train-seed/model.bin' ] && [ -s '$results/train-seed/metrics.json' ]"
expect "train-best wrote its model" "[ -s '$results/train-best/model.bin' ]"
expect "bench wrote BENCHMARKS.md and bench.png" "[ -s '$results/bench/BENCHMARKS.md' ] && [ -s '$results/bench/bench.png' ]"
expect "bench ran the PyTorch peer" "grep -q 'PyTorch' '$results/bench/BENCHMARKS.md'"
expect "run.sh exited 1 (gpu failed), not 0 or a crash" "[ $status -eq 1 ]"
cat "$results/summary.txt"
[ "$failures" -eq 0 ] && echo "kit test passed" || { echo "kit test: $failures checks failed" >&2; exit 1; }
