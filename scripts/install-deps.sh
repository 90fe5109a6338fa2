#!/bin/sh
# Installs the Debian packages Ferry needs to build and test, if missing.
# Idempotent: does nothing (and needs no network) when all are present.
set -e
pkgs="meson ninja-build pkg-config gcc clang libclang-rt-14-dev
      libglib2.0-dev libfdt-dev libpixman-1-dev libslirp-dev libcapstone-dev
      libjson-glib-dev zlib1g-dev python3 cpio qemu-utils e2fsprogs
      gcc-arm-none-eabi"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
