#!/bin/bash
# Boot benchmark (not a test): Debian's armmp Linux with the busybox
# initramfs of scripts/fetch-guests.sh, on Ferry and on Debian's
# qemu-system-arm, same kernel, device tree, initramfs and command line,
# runs interleaved. A run lasts from the emulator's start to the moment
# the init marker FERRY_INIT_OK appears on the serial port; the emulator
# is then killed. Reports per board the median wall time of each, the
# ratio Ferry/QEMU, and the same for CPU time (user + system of the
# emulator process up to the marker), steadier on a loaded machine.
#
# usage: scripts/bench/boot.sh [BUILDDIR] [RUNS] [BOARD...]
#   BOARD: vexpress-a9 (default: both), vexpress-a15
#   environment: FERRY_GUESTS (guest cache, default BUILDDIR/guests),
#   QEMU_SYSTEM_ARM, BOOT_TIMEOUT (seconds per boot, default 300)
set -euo pipefail

src=$(dirname "$(realpath "$0")")
top=$(realpath "$src/../..")
builddir=${1:-build}
runs=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
boards=("$@")
[ ${#boards[@]} -gt 0 ] || boards=(vexpress-a9 vexpress-a15)
ferry=$(realpath "$builddir/ferry-system-arm")
qemu=${QEMU_SYSTEM_ARM:-qemu-system-arm}
timeout=${BOOT_TIMEOUT:-300}
cache=${FERRY_GUESTS:-$builddir/guests}

sh "$top/scripts/fetch-guests.sh" "$cache" arm >/dev/null
g=$(realpath "$cache/armhf")

work=$(mktemp -d /tmp/ferry-boot-bench.XXXXXX)
pid=
cleanup() {
    [ -z "$pid" ] || kill -9 "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

dtb_of() {
    case "$1" in
    vexpress-a9) echo vexpress-v2p-ca9.dtb ;;
    vexpress-a15) echo vexpress-v2p-ca15-tc1.dtb ;;
    *) echo "boot.sh: unknown board '$1' (known: vexpress-a9 vexpress-a15)" >&2; exit 1 ;;
    esac
}

# One boot: run_one BOARD EMULATOR [EXTRA...]; prints "wall cpu" in seconds (cpu:
# user + system of the emulator process, read just before the kill);
# fails if the emulator exits or times out before the marker.
run_one() {
    local board=$1 serial="$work/serial" start now ticks emu
    shift
    emu=$1
    : >"$serial"
    start=$(date +%s.%N)
    "$@" -M "$board" -m 1G -display none -monitor none \
        -serial "file:$serial" -kernel "$g/vmlinuz" -dtb "$g/$(dtb_of "$board")" \
        -initrd "$g/initrd.gz" -append "console=ttyAMA0 panic=-1" \
        </dev/null >"$work/out" 2>&1 &
    pid=$!
    while ! grep -q FERRY_INIT_OK "$serial"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "FAILED: $emu -M $board exited before the marker" >&2
            cat "$work/out" "$serial" >&2
            exit 1
        fi
        now=$(date +%s.%N)
        if [ "$(echo "$now - $start > $timeout" | bc)" = 1 ]; then
            echo "FAILED: $emu -M $board: no marker after ${timeout}s" >&2
            tail -n 20 "$serial" >&2
            exit 1
        fi
        sleep 0.02
    done
    now=$(date +%s.%N)
    # Fields 14 and 15 of /proc/PID/stat: utime and stime in clock ticks.
    ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
    echo "$now $start $ticks $(getconf CLK_TCK)" |
        awk '{ printf "%.3f %.2f\n", $1 - $2, $3 / $4 }'
}

median() {
    sort -n | awk '{ v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '%-13s %9s %9s %7s   %9s %9s %7s\n' board ferry_s qemu_s ratio ferry_cpu qemu_cpu ratio
for b in "${boards[@]}"; do
    dtb_of "$b" >/dev/null
    : >"$work/f.times"
    : >"$work/q.times"
    for ((i = 0; i < runs; i++)); do
        run_one "$b" "$ferry" >>"$work/f.times"
        # QEMU's vexpress has a sound chip: give it a silent backend.
        run_one "$b" "$qemu" -audiodev none,id=snd >>"$work/q.times"
    done
    if [ -n "${BOOT_BENCH_VERBOSE:-}" ]; then
        echo "$b ferry (wall cpu):" $(tr '\n' ' ' <"$work/f.times") >&2
        echo "$b qemu  (wall cpu):" $(tr '\n' ' ' <"$work/q.times") >&2
    fi
    f=$(cut -d' ' -f1 "$work/f.times" | median)
    q=$(cut -d' ' -f1 "$work/q.times" | median)
    fc=$(cut -d' ' -f2 "$work/f.times" | median)
    qc=$(cut -d' ' -f2 "$work/q.times" | median)
    printf '%-13s %9.3f %9.3f %7.2f   %9.2f %9.2f %7.2f\n' "$b" "$f" "$q" \
        "$(echo "$f / $q" | bc -l)" "$fc" "$qc" "$(echo "$fc / $qc" | bc -l)"
done
