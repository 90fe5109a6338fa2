#!/bin/sh
# Boots Debian's armmp Linux to its busybox shell on the terminal:
#
#   scripts/run-linux.sh [a9|a15] [EXTRA-OPTION...]
#
# Fetches the guest the first time (scripts/fetch-guests.sh, into
# $FERRY_GUESTS, default $BUILD/guests), then runs ferry-system-arm from
# $BUILD (default build) with -nographic: the serial console and the
# monitor share the terminal (Ctrl-A c switches, Ctrl-A x quits; in the
# guest, `poweroff -f` ends the emulator). Extra options go to Ferry
# (e.g. -smp 2).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
board=${1:-a9}
[ $# -eq 0 ] || shift
case "$board" in
a9|vexpress-a9) machine=vexpress-a9; dtb=vexpress-v2p-ca9.dtb ;;
a15|vexpress-a15) machine=vexpress-a15; dtb=vexpress-v2p-ca15-tc1.dtb ;;
*) echo "run-linux: unknown board '$board' (known: a9 a15)" >&2; exit 1 ;;
esac
[ -x "$build/ferry-system-arm" ] || {
    echo "run-linux: $build/ferry-system-arm not built (run make)" >&2; exit 1; }
cache=${FERRY_GUESTS:-$build/guests}
sh "$top/scripts/fetch-guests.sh" "$cache" arm >&2
g="$cache/armhf"
exec "$build/ferry-system-arm" -M "$machine" -m 1G -nographic \
    -kernel "$g/vmlinuz" -dtb "$g/$dtb" -initrd "$g/initrd.gz" \
    -append "console=ttyAMA0" "$@"
