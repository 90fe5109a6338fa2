#!/bin/sh
# Fetches the real guests Ferry boots, from Debian's archive, into a cache
# (default build/guests/). Facts: shared/spec/guests.md.
#
#   scripts/fetch-guests.sh [CACHE_DIR] [arm]
#
# armhf: Debian's armmp kernel (zImage) and its device trees, plus a busybox
# initramfs whose /init prints FERRY_INIT_OK and starts a shell. Foreign
# packages come through apt with a private state directory and architecture,
# so the host's dpkg configuration is never changed. Idempotent: a complete
# cache is reused without network access.
set -eu
cache=${1:-build/guests}
what=${2:-arm}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

# apt-get for ARCH with private lists, caches and status, and the host's
# Debian sources only.
apt_private() {
    arch=$1; shift
    d="$cache/apt-$arch"
    mkdir -p "$d/lists/partial" "$d/archives/partial" "$d/sources.list.d"
    [ -f "$d/status" ] || : > "$d/status"
    for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
        [ -f "$f" ] && grep -qs 'debian' "$f" && cp "$f" "$d/sources.list.d/" 2>/dev/null || true
    done
    [ -f /etc/apt/sources.list ] && grep -qs '^deb ' /etc/apt/sources.list &&
        cp /etc/apt/sources.list "$d/sources.list.d/host.list"
    apt-get -q -o APT::Architecture="$arch" -o APT::Architectures="$arch" \
        -o Dir::State::Lists="$d/lists" -o Dir::State::status="$d/status" \
        -o Dir::Cache="$d" -o Dir::Cache::archives="$d/archives" \
        -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$d/sources.list.d" \
        -o Debug::NoLocking=1 "$@"
}

fetch_arm() {
    out="$cache/armhf"
    if [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.gz" ] &&
       [ -f "$out/vexpress-v2p-ca9.dtb" ] && [ -f "$out/vexpress-v2p-ca15-tc1.dtb" ] &&
       [ -f "$out/aspeed-ast2600-evb.dtb" ]; then
        echo "fetch-guests: armhf guest cached in $out"
        return 0
    fi
    # The security suite's foreign indexes sometimes fail: main is enough.
    apt_private armhf update || true
    kpkg=$(apt_private armhf -qq depends linux-image-armmp 2>/dev/null |
           sed -n 's/.*Depends: \(linux-image-[0-9.]*-[0-9]*-armmp\).*/\1/p' | head -n 1)
    if [ -z "$kpkg" ]; then
        # apt-cache is needed for 'depends'.
        kpkg=$(apt-cache -o APT::Architecture=armhf -o APT::Architectures=armhf \
               -o Dir::State::Lists="$cache/apt-armhf/lists" \
               -o Dir::State::status="$cache/apt-armhf/status" \
               -o Dir::Cache="$cache/apt-armhf" \
               -o Dir::Etc::SourceList=/dev/null \
               -o Dir::Etc::SourceParts="$cache/apt-armhf/sources.list.d" \
               depends linux-image-armmp |
               sed -n 's/.*Depends: \(linux-image-[0-9.]*-[0-9]*-armmp\).*/\1/p' | head -n 1)
    fi
    [ -n "$kpkg" ] || { echo "fetch-guests: cannot resolve linux-image-armmp" >&2; exit 1; }
    work="$cache/armhf-work"
    rm -rf "$work"
    mkdir -p "$work/debs" "$out"
    (cd "$work/debs" && apt_private armhf download "$kpkg:armhf" "busybox-static:armhf")
    for deb in "$work"/debs/*.deb; do
        dpkg-deb -x "$deb" "$work/root"
    done
    cp "$work"/root/boot/vmlinuz-* "$out/vmlinuz"
    dtbdir=$(ls -d "$work"/root/usr/lib/linux-image-*-armmp)
    for dtb in vexpress-v2p-ca9.dtb vexpress-v2p-ca15-tc1.dtb aspeed-ast2600-evb.dtb; do
        f=$(find "$dtbdir" -name "$dtb" | head -n 1)
        [ -n "$f" ] || { echo "fetch-guests: $dtb missing from $kpkg" >&2; exit 1; }
        cp "$f" "$out/$dtb"
    done
    echo "$kpkg" > "$out/KERNEL_PACKAGE"
    # The initramfs: static busybox and an init that says it is up.
    ird="$work/initramfs"
    mkdir -p "$ird/bin" "$ird/proc" "$ird/sys" "$ird/dev" "$ird/tmp" "$ird/mnt"
    cp "$work/root/bin/busybox" "$ird/bin/busybox"
    cat > "$ird/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
echo FERRY_INIT_OK
exec setsid cttyhack sh
INIT
    chmod +x "$ird/init"
    (cd "$ird" && find . | cpio -o -H newc --quiet | gzip -9) > "$out/initrd.gz"
    rm -rf "$work"
    echo "fetch-guests: armhf guest ready in $out ($kpkg)"
}

case "$what" in
arm) fetch_arm ;;
*) echo "fetch-guests: unknown guest set '$what' (known: arm)" >&2; exit 1 ;;
esac
