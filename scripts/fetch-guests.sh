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

# The kernel modules the device tests load (MMC host, ext2 through ext4 and
# the crc32c it insists on, LAN9118), with what they depend on, as a second
# initramfs archive the tests append to initrd.gz: /lib/modules/load lists them in insmod order.
# Debian's package has no modules.dep (depmod runs at install), so the
# dependencies come from each module's .modinfo "depends=".
ARM_MODULES="armmmci crc32c_generic ext4 smsc911x"
build_arm_modules() {
    root=$1; out=$2
    mdir=$(ls -d "$root"/lib/modules/*-armmp)
    mird="$root/modules-initramfs"
    rm -rf "$mird"
    mkdir -p "$mird/lib/modules"
    python3 - "$mdir" "$mird/lib/modules" $ARM_MODULES <<'PY'
import os, shutil, struct, sys
mdir, dest, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]

def depends(path):
    """The depends= of an ELF32 little-endian module's .modinfo section."""
    d = open(path, "rb").read()
    shoff, = struct.unpack_from("<I", d, 0x20)
    entsize, num, strndx = struct.unpack_from("<HHH", d, 0x2e)
    secs = [struct.unpack_from("<IIIIII", d, shoff + i * entsize) for i in range(num)]
    names = secs[strndx][4]
    for name, _, _, _, off, size in secs:
        if d[names + name:d.index(b"\0", names + name)] == b".modinfo":
            for kv in d[off:off + size].split(b"\0"):
                if kv.startswith(b"depends="):
                    return [m for m in kv[8:].decode().split(",") if m]
    return []

index = {}
for dp, _, files in os.walk(mdir):
    for f in files:
        if f.endswith(".ko"):
            index[f[:-3].replace("-", "_")] = os.path.join(dp, f)
order = []

def visit(mod):
    mod = mod.replace("-", "_")
    if mod not in order:
        for dep in depends(index[mod]):
            visit(dep)
        order.append(mod)

for mod in wanted:
    visit(mod)
with open(os.path.join(dest, "load"), "w") as load:
    for mod in order:
        shutil.copy(index[mod], os.path.join(dest, mod + ".ko"))
        load.write("/lib/modules/%s.ko\n" % mod)
PY
    (cd "$mird" && find . | cpio -o -H newc --quiet | gzip -9) > "$out/modules.cpio.gz.tmp"
    mv "$out/modules.cpio.gz.tmp" "$out/modules.cpio.gz"
}

fetch_arm() {
    out="$cache/armhf"
    if [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.gz" ] &&
       [ -f "$out/vexpress-v2p-ca9.dtb" ] && [ -f "$out/vexpress-v2p-ca15-tc1.dtb" ] &&
       [ -f "$out/aspeed-ast2600-evb.dtb" ] && [ -f "$out/KERNEL_PACKAGE" ]; then
        if [ ! -f "$out/modules.cpio.gz" ]; then
            # A cache from before the modules archive: fetch the same kernel's modules only.
            work="$cache/armhf-work"
            rm -rf "$work"
            mkdir -p "$work/debs"
            apt_private armhf update || true
            (cd "$work/debs" && apt_private armhf download "$(cat "$out/KERNEL_PACKAGE"):armhf")
            dpkg-deb -x "$work"/debs/*.deb "$work/root"
            build_arm_modules "$work/root" "$out"
            rm -rf "$work"
        fi
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
    build_arm_modules "$work/root" "$out"
    rm -rf "$work"
    echo "fetch-guests: armhf guest ready in $out ($kpkg)"
}

case "$what" in
arm) fetch_arm ;;
*) echo "fetch-guests: unknown guest set '$what' (known: arm)" >&2; exit 1 ;;
esac
