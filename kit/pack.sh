#!/usr/bin/env bash
# Packs the GPU kit: a self-contained linux-x64 `handwriting` (no .NET SDK needed to run it), the
# MNIST files, the PyTorch peer script and run.sh, into one folder of at most $KIT_LIMIT_MIB
# (60) MiB to carry to a machine with an NVIDIA GPU and no network. The folder holds
# handwriting-kit.tar.gz (or .tar.xz when gzip alone would not fit), run.sh and SHA256SUMS;
# there, `bash run.sh OUT_DIR` unpacks the archive and runs everything (see the README,
# "On a machine with a GPU").
#
#   kit/pack.sh [OUT_DIR]        (default: kit/out; replaced if it exists)
#
# Settings (environment): KIT_LIMIT_MIB=60, KIT_COMPRESSION=gzip|xz (default: gzip, xz only if
# gzip is over the limit), MNIST_DIR (default: data/mnist, fetched by `handwriting data` if missing).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/kit/out}
limit_mib=${KIT_LIMIT_MIB:-60}
compression=${KIT_COMPRESSION:-gzip}
mnist=${MNIST_DIR:-$root/data/mnist}
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kit="$work/handwriting-kit"
mkdir -p "$kit/bin" "$kit/data/mnist" "$kit/benchmarks/peers"

echo "Publishing a self-contained linux-x64 handwriting..."
# DebugType=none: no .pdb files; the runtime's globalization data is not needed
# (InvariantGlobalization, set for every project in Directory.Build.props). Its own artifacts
# folder, so the self-contained build does not overwrite the ordinary one in src/*/bin and obj.
dotnet publish "$root/src/Runner" -c Release -r linux-x64 --self-contained --artifacts-path "$work/artifacts" \
  -p:DebugType=none -p:DebugSymbols=false -p:InvariantGlobalization=true -p:SatelliteResourceLanguages=en \
  -o "$kit/bin" > "$work/publish.log" 2>&1 || { tail -n 30 "$work/publish.log" >&2; echo "pack.sh: dotnet publish failed" >&2; exit 1; }

# What a run never loads: the debugger's and crash dumps' helpers and the optional standalone GCs.
rm -f "$kit/bin/createdump" "$kit/bin/libmscordaccore.so" "$kit/bin/libmscordbi.so" "$kit/bin/libclrgc.so" "$kit/bin/libclrgcexp.so"

echo "Adding MNIST from $mnist..."
for name in "${files[@]}"; do
  if [ ! -f "$mnist/$name" ]; then
    "$kit/bin/handwriting" data --data "$mnist" >&2 || { echo "pack.sh: MNIST is not in $mnist and could not be fetched" >&2; exit 1; }
  fi
  cp "$mnist/$name" "$kit/data/mnist/"
done

# The kit folder passes for a repository (Handwriting.sln marks one), so `handwriting` finds
# data/mnist and bench finds benchmarks/peers/pytorch_mlp.py in it, as in a clone.
cp "$root/Handwriting.sln" "$kit/"
cp "$root/benchmarks/peers/pytorch_mlp.py" "$kit/benchmarks/peers/"
cp "$root/kit/run.sh" "$kit/"

rm -rf "$out"
mkdir -p "$out"
archive() {
  rm -f "$out"/handwriting-kit.tar.*
  case "$1" in
    gzip) tar -C "$work" -cf - handwriting-kit | gzip -9 > "$out/handwriting-kit.tar.gz" ;;
    xz) tar -C "$work" -cf - handwriting-kit | xz -9 -T0 > "$out/handwriting-kit.tar.xz" ;;
    *) echo "pack.sh: KIT_COMPRESSION must be gzip or xz, not '$1'" >&2; exit 2 ;;
  esac
  cp "$root/kit/run.sh" "$out/run.sh"
  (cd "$out" && sha256sum handwriting-kit.tar.* run.sh > SHA256SUMS)
}
size_mib() { du -sb "$out" | awk '{ printf "%.1f", $1 / 1048576 }'; }
fits() { [ "$(du -sb "$out" | cut -f1)" -le $(( limit_mib * 1048576 )) ]; }

echo "Packing ($compression)..."
archive "$compression"
if ! fits && [ "$compression" = gzip ]; then
  echo "gzip gives $(size_mib) MiB, over $limit_mib MiB: packing with xz instead..."
  archive xz
fi
if ! fits; then
  echo "pack.sh: the kit is $(size_mib) MiB, over the $limit_mib MiB limit ($out)" >&2
  exit 1
fi
echo "Kit: $out, $(size_mib) MiB of at most $limit_mib ($(du -sb "$kit" | awk '{ printf "%.0f", $1 / 1048576 }') MiB unpacked); carry the folder, then there: bash run.sh OUT_DIR"
