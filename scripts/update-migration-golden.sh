#!/bin/sh
# Records the migration golden files of a machine version:
#   tests/migration-compat/MACHINE-X.Y/vmstate.json   (-dump-vmstate)
#   tests/migration-compat/MACHINE-X.Y/stream.bin     (a stream with known state)
# Usage: scripts/update-migration-golden.sh BUILDDIR MACHINE-X.Y
# A version still in development has a file UNRELEASED in its directory: its
# files are re-recorded (and the marker kept) whenever its devices change. A
# released version's files are never rewritten: they are what that release
# accepts and sends, and tests/unit/test-migration-compat checks every later
# build against them. The script refuses when the directory exists without
# the marker. Releasing a version = deleting its UNRELEASED file.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 BUILDDIR MACHINE-X.Y" >&2
    exit 2
fi
build=$1
machine=$2
src=$(cd "$(dirname "$0")/.." && pwd)
dir=$src/tests/migration-compat/$machine
ferry=$build/ferry-system-arm
recorder=$build/tests/unit/test-migration-compat

case $machine in
    *-[0-9]*.[0-9]*) ;;
    *)
        echo "$0: '$machine' is not a versioned machine type (NAME-X.Y)" >&2
        exit 1
        ;;
esac
unreleased=
if [ -e "$dir/UNRELEASED" ]; then
    unreleased=1
elif [ -e "$dir" ]; then
    echo "$0: golden files for '$machine' exist already ($dir);" \
         "a released version's files must not change" >&2
    exit 1
fi
for f in "$ferry" "$recorder"; do
    if [ ! -x "$f" ]; then
        echo "$0: '$f' is missing: build first (ninja -C $build)" >&2
        exit 1
    fi
done
if ! "$ferry" -M help | grep -q "^$machine "; then
    echo "$0: this build has no machine type '$machine'" >&2
    exit 1
fi

tmp=$dir.tmp.$$
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"
"$ferry" -M "$machine" -dump-vmstate "$tmp/vmstate.json"
"$recorder" --record "$machine" "$tmp/stream.bin"
if [ -n "$unreleased" ]; then
    cp "$dir/UNRELEASED" "$tmp/UNRELEASED"
    rm -rf "$dir"
fi
mv "$tmp" "$dir"
trap - EXIT
echo "recorded $dir"
