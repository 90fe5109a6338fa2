#!/bin/bash
# CPU benchmark (not a test): small bare-metal programs (scripts/bench/cpu/)
# run on Ferry and on Debian's qemu-system-arm, same ELF, runs interleaved.
# Reports the median wall time of each and the ratio Ferry/QEMU, and the
# same for CPU time (user + system), steadier on a loaded machine.
# Each program checks its own checksum; a mismatch aborts the benchmark.
#
# usage: scripts/bench/cpu.sh [BUILDDIR] [RUNS] [PROGRAM...]
set -euo pipefail

src=$(dirname "$(realpath "$0")")
top=$(realpath "$src/../..")
builddir=${1:-build}
runs=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
progs=("$@")
[ ${#progs[@]} -gt 0 ] || progs=(intloop memcopy dispatch fpmath)
ferry=$(realpath "$builddir/ferry-system-arm")
qemu=${QEMU_SYSTEM_ARM:-qemu-system-arm}
gcc=${ARM_GCC:-arm-none-eabi-gcc}
t="$top/tests/tcg/arm"

work=$(mktemp -d /tmp/ferry-cpu-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

cflags=(-nostdlib -ffreestanding -fno-tree-loop-distribute-patterns -marm -mcpu=cortex-a9
        -O2 -Wall -Werror -I"$t" -I"$src/cpu")
for p in "${progs[@]}"; do
    extra=()
    if [ "$p" = fpmath ]; then
        extra=(-mfloat-abi=hard -mfpu=vfpv3-d16 "$t/fpu.S")
    fi
    "$gcc" "${cflags[@]}" -T "$t/link.ld" "$t/crt0.S" "$t/testlib.c" "${extra[@]}" \
        "$src/cpu/$p.c" -lgcc -o "$work/$p.elf"
done

# One run: prints "wall cpu" in seconds (cpu: user + system of the
# emulator process); fails if the guest fails.
run_one() {
    if ! /usr/bin/time -f '%e %U %S' -o "$work/time" \
            "$@" -M vexpress-a9 -semihosting -nographic -kernel "$elf" \
            </dev/null >"$work/out" 2>&1; then
        echo "FAILED: $* on $elf" >&2
        cat "$work/out" >&2
        exit 1
    fi
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time"
}

median() {
    sort -n | awk '{ v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '%-10s %9s %9s %7s   %9s %9s %7s\n' program ferry_s qemu_s ratio ferry_cpu qemu_cpu ratio
for p in "${progs[@]}"; do
    elf="$work/$p.elf"
    : >"$work/f.times"
    : >"$work/q.times"
    for ((i = 0; i < runs; i++)); do
        run_one "$ferry" >>"$work/f.times"
        QEMU_AUDIO_DRV=none run_one "$qemu" >>"$work/q.times"
    done
    f=$(cut -d' ' -f1 "$work/f.times" | median)
    q=$(cut -d' ' -f1 "$work/q.times" | median)
    fc=$(cut -d' ' -f2 "$work/f.times" | median)
    qc=$(cut -d' ' -f2 "$work/q.times" | median)
    printf '%-10s %9.3f %9.3f %7.2f   %9.2f %9.2f %7.2f\n' "$p" "$f" "$q" \
        "$(echo "$f / $q" | bc -l)" "$fc" "$qc" "$(echo "$fc / $qc" | bc -l)"
done
