#!/bin/sh
# Runs every test suite through meson and prints, as its last line,
# "N passed, N failed" counted over all suites. GLib tests speak TAP, so a
# test program counts once per test case; other programs count once.
# Usage: scripts/run-tests.sh BUILDDIR [meson test args...]
builddir=${1:-build}
[ $# -gt 0 ] && shift
rm -f "$builddir/meson-logs/testlog.json"
meson test -C "$builddir" --print-errorlogs "$@"
status=$?
python3 "$(dirname "$0")/count-tests.py" "$builddir/meson-logs/testlog.json" || status=1
exit $status
