#!/usr/bin/env bash
# The GPU kit's run script. On a machine with an NVIDIA GPU, no .NET SDK and no network, it runs
# everything we want to know there, each step under its own time limit, and writes every result
# into one output folder; a step that fails or times out does not stop the others.
#
#   bash run.sh [OUT_DIR]        (default: ./kit-results)
#
# It runs from the folder kit/pack.sh made (handwriting-kit.tar.gz or .tar.xz beside this script: unpacked
# first into $KIT_WORK) or from an unpacked kit (bin/handwriting beside this script).
#
# Steps, in order: gpu (nvidia-smi: name, driver, clocks), machine, devices, check, train-seed,
# bench (our trainer against PyTorch, on the GPU when that torch has CUDA), train-best; then
# summary.txt (one line per step: result, exit code, seconds, limit, last line of its log).
#
# Settings (environment):
#   ACCELERATOR=cuda            what check, train and bench run on (cpu to try the kit without a GPU)
#   KIT_TOTAL_SECONDS=470       the whole run's budget: each step gets min(its own limit, what is left)
#   KIT_STEP_LIMIT_FACTOR=1     multiplies every step's own limit (the kit test on a busy CPU machine)
#   KIT_SEED_EPOCHS=5           train-seed's epochs
#   KIT_BEST_EPOCHS=            train-best's epochs (empty: the preset's 16)
#   KIT_LIMIT=                  train on the first N images only (quick test runs)
#   KIT_BENCH_EPOCHS=3  KIT_BENCH_BATCHES=32,128  KIT_BENCH_REFERENCE_STEPS=20
#   KIT_PYTHON=                 the interpreter with torch (default: python3 on PATH, then /usr/bin/python3)
#   KIT_PYTORCH_DEVICE=auto     the peer's device: auto (cuda when its torch sees a GPU), cuda or cpu
#   KIT_WORK=/tmp/handwriting-kit   where a packed kit is unpacked
#   KIT_DRY_RUN=1               print each step's command and limit, run nothing (CI checks the script)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$PWD/kit-results}
accelerator=${ACCELERATOR:-cuda}
total=${KIT_TOTAL_SECONDS:-470}
dry=${KIT_DRY_RUN:-0}
started=$SECONDS

# The kit itself: unpacked beside this script, or packed beside it and unpacked now.
packed=
for archive in "$here/handwriting-kit.tar.gz" "$here/handwriting-kit.tar.xz"; do
  if [ -f "$archive" ]; then packed=$archive; break; fi
done
if [ -x "$here/bin/handwriting" ]; then
  kit=$here
elif [ -n "$packed" ]; then
  kit=${KIT_WORK:-/tmp/handwriting-kit}
  if [ "$dry" != 1 ]; then
    # tar's own gzip or xz; where the xz program is missing, Python's tarfile reads .tar.xz too.
    rm -rf "$kit" "$kit.tmp" && mkdir -p "$kit" || { echo "run.sh: cannot create $kit" >&2; exit 1; }
    if ! tar -xaf "$packed" -C "$kit" --strip-components=1 2>/dev/null; then
      rm -rf "${kit:?}"/*
      python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$packed" "$kit.tmp" \
        && mv "$kit.tmp"/handwriting-kit/* "$kit"/ && rm -rf "$kit.tmp" \
        || { echo "run.sh: cannot unpack $packed into $kit" >&2; exit 1; }
    fi
  fi
elif [ "$dry" = 1 ]; then
  kit=${KIT_WORK:-/tmp/handwriting-kit} # a dry run only lists the steps: no kit needed
else
  echo "run.sh: neither $here/bin/handwriting nor $here/handwriting-kit.tar.gz (or .tar.xz) exists: run kit/pack.sh first" >&2
  exit 1
fi

mkdir -p "$out" || { echo "run.sh: cannot create $out" >&2; exit 1; }
out=$(cd "$out" && pwd)
hw="$kit/bin/handwriting"
data="$kit/data/mnist"
summary="$out/summary.txt"
: > "$out/steps.tsv"

python=${KIT_PYTHON:-}
if [ -z "$python" ] && [ "$dry" != 1 ]; then
  for candidate in "$(command -v python3 2>/dev/null)" /usr/bin/python3; do
    if [ -n "$candidate" ] && "$candidate" -c 'import torch' >/dev/null 2>&1; then python=$candidate; break; fi
  done
fi
python=${python:-/usr/bin/python3}

# run_step NAME LIMIT_SECONDS COMMAND...: runs the command in the kit folder with its output in
# NAME.txt, under min(LIMIT, what is left of the budget), and records how it ended.
run_step() {
  local name=$1 limit=$(( $2 * ${KIT_STEP_LIMIT_FACTOR:-1} ))
  shift 2
  local left=$(( total - (SECONDS - started) - 5 ))
  [ "$limit" -le "$left" ] || limit=$left
  local log="$out/$name.txt"
  if [ "$dry" = 1 ]; then
    printf '%s\t(limit %ss)\t%s\n' "$name" "$limit" "$*"
    printf '%s\tdry\t0\t0\t%s\t%s\n' "$name" "$limit" "not run (dry run)" >> "$out/steps.tsv"
    return
  fi
  if [ "$limit" -lt 10 ]; then
    echo "not run: the run's ${total}s budget is spent" > "$log"
    printf '%s\tskipped\t-\t0\t%s\t%s\n' "$name" "$limit" "budget spent" >> "$out/steps.tsv"
    echo "== $name: skipped (budget spent)"
    return
  fi
  echo "== $name (limit ${limit}s): $*"
  local t0=$SECONDS
  (cd "$kit" && timeout --kill-after=10 "$limit" "$@") > "$log" 2>&1
  local rc=$?
  local seconds=$(( SECONDS - t0 ))
  local result=ok
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then result=timeout; elif [ "$rc" -ne 0 ]; then result=failed; fi
  local last
  last=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1 | cut -c1-200 | tr '\t' ' ')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$result" "$rc" "$seconds" "$limit" "$last" >> "$out/steps.tsv"
  echo "   $result (exit $rc, ${seconds}s): $last"
}

gpu_info() {
  command -v nvidia-smi >/dev/null || { echo "nvidia-smi not found"; return 1; }
  nvidia-smi --query-gpu=name,driver_version,pci.bus_id,memory.total,clocks.sm,clocks.max.sm,clocks.mem,clocks.max.mem,clocks.applications.graphics,power.limit,temperature.gpu,pstate,compute_mode --format=csv
  echo
  nvidia-smi -q -d CLOCK,PERFORMANCE
  echo
  nvidia-smi
}

machine_info() {
  echo "uname: $(uname -a)"
  echo "cpus: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  grep -E 'MemTotal|MemAvailable' /proc/meminfo
  echo "accelerator: $accelerator; python: $python"
  "$python" -c 'import sys, torch; print("python", sys.version.split()[0], "torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")'
}

limit_args=()
[ -n "${KIT_LIMIT:-}" ] && limit_args=(--limit "$KIT_LIMIT")
best_epochs=()
[ -n "${KIT_BEST_EPOCHS:-}" ] && best_epochs=(--epochs "$KIT_BEST_EPOCHS")

export -f gpu_info machine_info
export accelerator python
run_step gpu 20 bash -c gpu_info
run_step machine 30 bash -c machine_info
run_step devices 60 "$hw" devices
run_step check 150 "$hw" check --accelerator "$accelerator"
run_step train-seed 120 "$hw" train --accelerator "$accelerator" --data "$data" --epochs "${KIT_SEED_EPOCHS:-5}" "${limit_args[@]}" --out "$out/train-seed"
run_step bench 180 "$hw" bench --accelerator "$accelerator" --data "$data" --epochs "${KIT_BENCH_EPOCHS:-3}" --batch-sizes "${KIT_BENCH_BATCHES:-32,128}" \
  --reference-steps "${KIT_BENCH_REFERENCE_STEPS:-20}" --python "$python" --pytorch-device "${KIT_PYTORCH_DEVICE:-auto}" --out "$out/bench"
run_step train-best 180 "$hw" train --preset best --accelerator "$accelerator" --data "$data" "${best_epochs[@]}" "${limit_args[@]}" --out "$out/train-best"

{
  echo "handwriting GPU kit: $(date -u +%Y-%m-%dT%H:%M:%SZ), accelerator $accelerator, $(( SECONDS - started ))s of ${total}s"
  [ "$dry" = 1 ] || head -n 2 "$out/gpu.txt" 2>/dev/null | tail -n 1 | sed 's/^/gpu: /'
  printf '%-11s %-8s %4s %6s %6s  %s\n' step result exit secs limit "last line"
  while IFS=$'\t' read -r name result rc seconds limit last; do
    printf '%-11s %-8s %4s %6s %6s  %s\n' "$name" "$result" "$rc" "$seconds" "$limit" "$last"
  done < "$out/steps.tsv"
} > "$summary"
cat "$summary"
if [ "$dry" != 1 ] && [ -n "${KIT_ARCHIVE:-}" ]; then
  tar -czf "$KIT_ARCHIVE" -C "$(dirname "$out")" "$(basename "$out")" && echo "archived $out into $KIT_ARCHIVE"
fi
# Exit 1 when any step did not end well, so a caller sees it; the summary says which.
awk -F'\t' '$2 != "ok" && $2 != "dry" { bad = 1 } END { exit bad }' "$out/steps.tsv"
