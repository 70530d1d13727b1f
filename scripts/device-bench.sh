#!/usr/bin/env bash
# The bench on a real NVIDIA GPU (issue 17), for a machine with no Node and no package registry.
#
#   bash scripts/device-bench.sh pack [DIR]            here (Node, npm, apt): DIR (default .device-bench) gets
#                                                       Node as node.xz, the bench bundled into bench.mjs with
#                                                       the webgpu package's linux-x64 dawn.node, the CPU pool's
#                                                       worker, the numpy peer and the Vulkan loader's .deb
#   bash scripts/device-bench.sh check                  there: nvidia-smi sees a GPU, a Vulkan ICD for it is
#                                                       installed, the Vulkan loader is there (or in DIR's debs)
#   bash scripts/device-bench.sh run [DIR] [OUT]        there: check, then the bench's scale curve, plain bench and
#                                                       matrix, JSON and text into OUT (default ./device-bench-out);
#                                                       exits 4 if Dawn still picked a CPU adapter
#   bash scripts/device-bench.sh selftest [DIR]         here: the packed Node runs the packed bundle (a tiny
#                                                       --scale on whatever adapter is here, labelled as such)
#   bash scripts/device-bench.sh verify REPORT.json     a bench --json/--out report names a GPU adapter (exit 0),
#                                                       a CPU adapter or none (exit 4)
#
# Without a Vulkan driver for the GPU, Dawn falls back to a CPU adapter (SwiftShader, llvmpipe) and
# every figure is a CPU figure: `check` refuses to start without one, and `run` reads the adapter
# back from each report and fails loudly if the bench names a CPU adapter.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEFAULT_DIR=.device-bench
# Where the NVIDIA container runtime and Vulkan's loader put ICD manifests.
ICD_DIRS=(/usr/local/nvidia/share/vulkan/icd.d /etc/vulkan/icd.d /usr/share/vulkan/icd.d /usr/local/share/vulkan/icd.d)

# Scratch folders (unpacked Node and Dawn, an unpacked Vulkan loader), removed on exit.
SCRATCH=()
trap 'rm -rf "${SCRATCH[@]}"' EXIT

die() {
  local code=$1
  shift
  echo "device-bench: $*" >&2
  exit "$code"
}

pack() {
  local dir=${1:-$DEFAULT_DIR}
  command -v node >/dev/null || die 2 "pack runs where Node is (it bundles the bench and archives node itself)"
  command -v xz >/dev/null || die 2 "pack needs xz (apt-get install xz-utils)"
  # Only an earlier pack (or nothing) is replaced.
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ] && [ ! -f "$dir/bench.mjs" ] && [ ! -f "$dir/device-bench.sh" ]; then
    die 2 "$dir is not empty and holds no earlier pack: give an empty or new folder"
  fi
  rm -rf "$dir" && mkdir -p "$dir/dist/linux-x64" "$dir/scripts" "$dir/debs"
  dir=$(cd "$dir" && pwd)
  # The bundle finds its dawn.node at dist/<platform>-<arch>/ beside itself (the webgpu package's
  # layout) and its repository root, for the worker and the numpy peer, at the nearest package.json.
  (cd "$ROOT" && node scripts/run-ts.mjs --bundle-only src/cli/bench.ts "$dir/bench.mjs")
  (cd "$ROOT" && node --input-type=module -e "
    import { build } from 'esbuild';
    await build({ entryPoints: ['src/cli/shardWorker.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: process.argv[1], logLevel: 'error' });
  " "$dir/shardWorker.cjs")
  echo '{ "private": true, "type": "module", "description": "Entropy Lab bench, bundled by scripts/device-bench.sh" }' >"$dir/package.json"
  cp "$ROOT/scripts/numpy_peer.py" "$dir/scripts/"
  cp "${BASH_SOURCE[0]}" "$dir/device-bench.sh"
  xz -T0 -6 -c "$ROOT/node_modules/webgpu/dist/linux-x64/dawn.node" >"$dir/dist/linux-x64/dawn.node.xz"
  xz -T0 -6 -c "$(readlink -f "$(command -v node)")" >"$dir/node.xz"
  # The Vulkan loader (libvulkan.so.1), amd64, with lists of its own so this machine's apt is untouched.
  local lists=/tmp/device-bench-apt
  mkdir -p "$lists/partial"
  local o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
  if apt-get "${o[@]}" update -qq && (cd "$dir/debs" && apt-get "${o[@]}" download libvulkan1 2>/dev/null); then
    :
  else
    echo "device-bench: could not download libvulkan1 (no Debian mirror here?): the GPU machine must have libvulkan.so.1 itself" >&2
  fi
  node --version >"$dir/NODE_VERSION"
  du -sh "$dir"
}

# Prints the ICD manifest to use, or fails naming what is missing.
find_icd() {
  local candidates=()
  for var in VK_DRIVER_FILES VK_ICD_FILENAMES; do
    [ -n "${!var:-}" ] && IFS=: read -ra listed <<<"${!var}" && candidates+=("${listed[@]}")
  done
  for d in "${ICD_DIRS[@]}"; do
    for f in "$d"/nvidia*.json; do [ -e "$f" ] && candidates+=("$f"); done
  done
  for f in "${candidates[@]}"; do
    [ -f "$f" ] || continue
    grep -qi nvidia "$f" || grep -qi nvidia <<<"$f" || continue
    local lib
    lib=$(sed -n 's/.*"library_path"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$f" | head -1)
    if [ -z "$lib" ]; then
      echo "device-bench: $f names no library_path" >&2
      continue
    fi
    # A bare name is looked up by the loader like dlopen does: ld.so's cache or LD_LIBRARY_PATH.
    if [[ "$lib" == /* ]] && [ ! -e "$lib" ]; then
      echo "device-bench: $f points at $lib, which is missing" >&2
      continue
    fi
    if [[ "$lib" != /* ]] && ! ldconfig -p 2>/dev/null | grep -q "$lib" && ! find ${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH//:/ }} /usr/local/nvidia/lib64 -maxdepth 1 -name "$lib" 2>/dev/null | grep -q .; then
      echo "device-bench: $f names $lib, which neither ldconfig nor LD_LIBRARY_PATH finds" >&2
      continue
    fi
    echo "$f"
    return 0
  done
  return 1
}

check() {
  local dir=${1:-$DEFAULT_DIR}
  command -v nvidia-smi >/dev/null || die 3 "nvidia-smi not found: no NVIDIA driver here, so Dawn would run on a CPU adapter and no figure would be a GPU figure"
  local gpus
  gpus=$(nvidia-smi -L 2>&1) || die 3 "nvidia-smi failed: $gpus"
  grep -q '^GPU ' <<<"$gpus" || die 3 "nvidia-smi lists no GPU: $gpus"
  echo "$gpus"
  local icd
  icd=$(find_icd) || die 3 "no usable NVIDIA Vulkan ICD (looked in VK_DRIVER_FILES, VK_ICD_FILENAMES and ${ICD_DIRS[*]}): without it Dawn falls back to a CPU adapter"
  echo "Vulkan ICD: $icd"
  if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1 '; then
    # Unpacked into a folder of its own, not over /, and found through LD_LIBRARY_PATH.
    local debs=("$dir"/debs/*.deb)
    [ -e "${debs[0]}" ] || die 3 "no Vulkan loader (libvulkan.so.1) here and no .deb of it in $dir/debs (run pack where apt reaches Debian)"
    command -v dpkg >/dev/null || die 3 "no Vulkan loader here, and no dpkg to unpack $dir/debs"
    local loader
    loader=$(mktemp -d /tmp/entropy-lab-vulkan.XXXXXX)
    SCRATCH+=("$loader")
    for f in "${debs[@]}"; do dpkg -x "$f" "$loader"; done
    local lib
    lib=$(find "$loader" -name libvulkan.so.1 | head -1)
    [ -n "$lib" ] || die 3 "unpacked ${debs[*]} but found no libvulkan.so.1 in it"
    export LD_LIBRARY_PATH=$(dirname "$lib")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    echo "Vulkan loader: $lib (unpacked from ${debs[*]})"
  else
    echo "Vulkan loader: $(ldconfig -p | grep 'libvulkan.so.1 ' | head -1 | sed 's/.*=> //')"
  fi
  export VK_DRIVER_FILES=$icd VK_ICD_FILENAMES=$icd
}

# Unpacks node and dawn.node from DIR into a scratch copy; prints the copy's folder.
unpack() {
  local dir=$1
  [ -f "$dir/bench.mjs" ] && [ -f "$dir/node.xz" ] || die 2 "$dir holds no packed bench (run 'bash scripts/device-bench.sh pack $dir' where Node is)"
  local work
  work=$(mktemp -d /tmp/entropy-lab-bench.XXXXXX)
  cp -r "$dir"/. "$work"/
  local unxz=(xz -dc)
  command -v xz >/dev/null || unxz=(python3 -c 'import lzma,sys; sys.stdout.buffer.write(lzma.open(sys.argv[1]).read())')
  "${unxz[@]}" "$work/node.xz" >"$work/node" && chmod +x "$work/node"
  "${unxz[@]}" "$work/dist/linux-x64/dawn.node.xz" >"$work/dist/linux-x64/dawn.node"
  rm -f "$work/node.xz" "$work/dist/linux-x64/dawn.node.xz"
  echo "$work"
}

# Fails (exit 4) when a bench report (--json or --out) names a CPU adapter, or none; NODE runs the check.
require_gpu_adapter() {
  local node=$1 file=$2
  "$node" -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const a = (r.matrix ?? r.scale ?? r).adapter;
    if (!a) { console.error(`device-bench: ${process.argv[1]}: no WebGPU adapter at all`); process.exit(4); }
    if (a.cpuAdapter) { console.error(`device-bench: ${process.argv[1]}: Dawn picked a CPU adapter (${a.cpuAdapter}: ${a.name}); these are not GPU figures`); process.exit(4); }
    console.log(`adapter: ${a.name} (vendor ${a.vendor}, architecture ${a.architecture}), a GPU adapter`);
  ' "$file"
}

run() {
  local dir=${1:-$DEFAULT_DIR} out=${2:-./device-bench-out}
  check "$dir"
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  nvidia-smi >"$out/nvidia-smi.txt" 2>&1 || true
  local work
  work=$(unpack "$dir")
  SCRATCH+=("$work")
  export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$work}
  cd "$work"
  # A wrong adapter shows within seconds, before the long runs.
  echo "== which adapter Dawn picks"
  ./node bench.mjs --scale --min-runs 4 --max-runs 4 --cpu-max-runs 4 --steps 1 --out probe.json >/dev/null
  require_gpu_adapter "$work/node" probe.json
  # Progress goes to stderr.
  local runs=(
    "scale|--scale --steps ${SCALE_STEPS:-20} --max-runs ${MAX_RUNS:-16384} --cpu-max-runs ${CPU_MAX_RUNS:-1024}"
    "bench|--runs ${BENCH_RUNS:-1024} --steps ${BENCH_STEPS:-20}"
    "matrix|--matrix --runs ${MATRIX_RUNS:-256} --steps ${MATRIX_STEPS:-5}"
  )
  for entry in "${runs[@]}"; do
    local name=${entry%%|*} args=${entry#*|}
    echo "== bench $args"
    # shellcheck disable=SC2086
    timeout "${STEP_TIMEOUT:-180}" ./node bench.mjs $args --out "$out/$name.json" | tee "$out/$name.txt"
    require_gpu_adapter "$work/node" "$out/$name.json"
  done
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null || echo "note: no Chromium here, so bench.html was not run"
}

selftest() {
  local dir=${1:-$DEFAULT_DIR}
  local work
  work=$(unpack "$dir")
  SCRATCH+=("$work")
  echo "packed node: $("$work/node" --version)"
  (cd "$work" && ./node bench.mjs --scale --min-runs 4 --max-runs 8 --cpu-max-runs 4 --factor 2 --steps 1 --out selftest.json && ./node bench.mjs --runs 4 --steps 1 --threads 2 --no-peer | tail -n +3)
  # run's guard on the report just written: here, without a GPU, it must refuse.
  local verdict=0
  require_gpu_adapter "$work/node" "$work/selftest.json" || verdict=$?
  [ "$verdict" = 0 ] || [ "$verdict" = 4 ] || die 1 "selftest: the adapter check broke (exit $verdict)"
  [ "$verdict" = 0 ] || echo "selftest: the adapter check refused this machine's CPU adapter (exit 4), as run would"
}

case "${1:-}" in
  pack) pack "${2:-}" ;;
  check) check "${2:-}" ;;
  run) run "${2:-}" "${3:-}" ;;
  selftest) selftest "${2:-}" ;;
  verify) [ -f "${2:-}" ] || die 2 "verify needs a bench report (JSON) file" && require_gpu_adapter node "$2" ;;
  *) die 2 "usage: bash scripts/device-bench.sh pack|check|run|selftest|verify [DIR] [OUT] (see the header of this script)" ;;
esac
