#!/usr/bin/env python3
"""The ARM Linux boot path of vexpress-a9 (hw/arm/boot.c) with kernels made here.

The "kernel" is a few instructions that store r0, r1, r2, the CPSR, its own
address and a boot counter at 0x60001000, then spin. It is wrapped as a
zImage (magic at +0x24), a uImage, a gzip uImage and a raw Image; the DTB is
built here too (a small FDT writer/reader below: the test's own, the emulator
patches DTBs through libfdt). The results are read back over QMP (pmemsave):
registers, the patched /memory and /chosen, the initrd bytes, the ATAG list,
the boot loader and the holding pen; system_reset boots again. Error paths
are checked by their messages and exit status 1. Prints TAP.
"""
import gzip
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

BINARY = os.environ.get("FERRY_BINARY", "build/ferry-system-arm")
TIMEOUT = 60
RAM = 0x60000000
STORE = RAM + 0x1000
MARKER = 0xfeedf00d
results = []


def check(name, cond, detail=""):
    results.append(bool(cond))
    line = "%s %d - %s" % ("ok" if cond else "not ok", len(results), name)
    print(line + ("" if cond or not detail else " # " + str(detail)[:400]), flush=True)
    return cond


def words(ws):
    return struct.pack("<%dI" % len(ws), *ws)


# mov r5, pc; mrs r4, cpsr; ldr r3, =STORE; ldr r6, [r3, #20]; add r6, #1;
# stm r3, {r0-r2, r4-r6}; ldr r7, =MARKER; str r7, [r3, #24]; b .
PAYLOAD = words([0xe1a0500f, 0xe10f4000, 0xe59f3014, 0xe5936014, 0xe2866001, 0xe8830077,
                 0xe59f7008, 0xe5837018, 0xeafffffe, STORE, MARKER])


def zimage(magic=0x016f2818):
    # 8 x "mov r0, r0"; b +0x30; magic; start; end; then the code at +0x30
    head = words([0xe1a00000] * 8 + [0xea000002, magic, 0, 0x30 + len(PAYLOAD)])
    return head + PAYLOAD


def uimage(body, load, entry, comp=0, arch=2, os_=5, size=None):
    data = gzip.compress(body) if comp == 1 else body
    hdr = struct.pack(">IIIIIIIBBBB32s", 0x27051956, 0, 0, len(data) if size is None else size,
                      load, entry, 0, os_, arch, 2, comp, b"ferry-test")
    return hdr + data


# -- a tiny FDT writer and reader (the test's own) --------------------------

def fdt_build(tree):
    """TREE: {"name": {"prop": bytes, "child": {...}}}; root is the top dict."""
    strings = b""
    offs = {}
    struct_ = b""

    def pad(b):
        return b + b"\0" * (-len(b) % 4)

    def node(name, content):
        nonlocal strings, struct_
        struct_ += struct.pack(">I", 1) + pad(name.encode() + b"\0")
        for k, v in content.items():
            if isinstance(v, bytes):
                if k not in offs:
                    offs[k] = len(strings)
                    strings += k.encode() + b"\0"
                struct_ += struct.pack(">III", 3, len(v), offs[k]) + pad(v)
        for k, v in content.items():
            if isinstance(v, dict):
                node(k, v)
        struct_ += struct.pack(">I", 2)

    node("", tree)
    struct_ += struct.pack(">I", 9)
    rsv = b"\0" * 16
    off_rsv = 40
    off_struct = off_rsv + len(rsv)
    off_strings = off_struct + len(struct_)
    total = off_strings + len(strings)
    hdr = struct.pack(">10I", 0xd00dfeed, total, off_struct, off_strings, off_rsv, 17, 16, 0,
                      len(strings), len(struct_))
    return hdr + rsv + struct_ + strings


def fdt_parse(blob):
    """Returns {"/path": {"prop": bytes}} for every node."""
    magic, total, off_struct, off_strings = struct.unpack(">4I", blob[:16])
    assert magic == 0xd00dfeed
    out = {}
    path = []
    pos = off_struct
    while True:
        (tok,) = struct.unpack(">I", blob[pos:pos + 4])
        pos += 4
        if tok == 1:
            end = blob.index(b"\0", pos)
            path.append(blob[pos:end].decode())
            pos = (end + 4) & ~3
            out["/" + "/".join(p for p in path if p)] = {}
        elif tok == 3:
            ln, nameoff = struct.unpack(">II", blob[pos:pos + 8])
            pos += 8
            name = blob[off_strings + nameoff:blob.index(b"\0", off_strings + nameoff)]
            out["/" + "/".join(p for p in path if p)][name.decode()] = blob[pos:pos + ln]
            pos = (pos + ln + 3) & ~3
        elif tok == 2:
            path.pop()
        elif tok == 4:
            continue
        elif tok == 9:
            return out


def cells(*vals):
    return struct.pack(">%dI" % len(vals), *vals)


BOARD_DTB = {
    "#address-cells": cells(1), "#size-cells": cells(1),
    "model": b"V2P-CA9\0",
    "memory@60000000": {"device_type": b"memory\0", "reg": cells(0x60000000, 0x1000)},
    "chosen": {"bootargs": b"old\0"},
}


# -- running the emulator ----------------------------------------------------

class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(TIMEOUT)
        self.sock.connect(path)
        self.file = self.sock.makefile("rw", encoding="utf-8", newline="\n")
        self.file.readline()
        self.cmd("qmp_capabilities")

    def cmd(self, name, args=None):
        msg = {"execute": name}
        if args is not None:
            msg["arguments"] = args
        self.file.write(json.dumps(msg) + "\n")
        self.file.flush()
        while True:
            reply = json.loads(self.file.readline())
            if "event" not in reply:
                return reply

    def close(self):
        self.file.close()
        self.sock.close()


class Guest:
    def __init__(self, tmp, args):
        self.tmp = tmp
        self.sockpath = os.path.join(tmp, "qmp.sock")
        if os.path.exists(self.sockpath):
            os.unlink(self.sockpath)
        self.proc = subprocess.Popen([BINARY, "-M", "vexpress-a9", "-display", "none",
                                      "-serial", "none", "-monitor", "none",
                                      "-qmp", "unix:%s,server=on,wait=off" % self.sockpath]
                                     + args, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + TIMEOUT
        while not os.path.exists(self.sockpath):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("no QMP socket: " + self.proc.stderr.read().decode())
            time.sleep(0.05)
        self.qmp = Qmp(self.sockpath)

    def read(self, addr, size):
        path = os.path.join(self.tmp, "mem.bin")
        r = self.qmp.cmd("pmemsave", {"val": addr, "size": size, "filename": path})
        assert r == {"return": {}}, r
        with open(path, "rb") as f:
            return f.read()

    def wait_boot(self, count=1):
        """The stored record once the boot counter reaches COUNT."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            rec = struct.unpack("<7I", self.read(STORE, 28))
            if rec[6] == MARKER and rec[5] >= count:
                return rec
            time.sleep(0.05)
        raise RuntimeError("the guest did not store its registers")

    def close(self):
        self.qmp.cmd("quit")
        self.qmp.close()
        status = self.proc.wait(timeout=TIMEOUT)
        err = self.proc.stderr.read().decode()
        self.proc.stderr.close()
        if status != 0 or err:
            raise RuntimeError("exit status %d, stderr %r" % (status, err[:300]))


def run_fail(args):
    r = subprocess.run([BINARY, "-M", "vexpress-a9", "-display", "none", "-serial", "none",
                        "-monitor", "none"] + args, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       timeout=TIMEOUT)
    return r.returncode, r.stderr


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def test_zimage_dtb(tmp):
    kernel = write(tmp, "zImage", zimage())
    initrd_data = bytes(range(256)) * 7 + b"end"
    initrd = write(tmp, "initrd", initrd_data)
    dtb = write(tmp, "board.dtb", fdt_build(BOARD_DTB))
    g = Guest(tmp, ["-m", "256M", "-kernel", kernel, "-initrd", initrd, "-dtb", dtb,
                    "-append", "console=ttyAMA0 root=/dev/ram"])
    try:
        r0, r1, r2, cpsr, pc, count, _ = g.wait_boot()
        check("zImage: r0 = 0, r1 = board id 0x8e0", (r0, r1) == (0, 0x8e0), (r0, r1))
        check("zImage: loaded and entered at RAM + 0x10000", pc == RAM + 0x10000 + 0x38,
              hex(pc))
        check("zImage: SVC mode, IRQ and FIQ masked", cpsr & 0xdf == 0xd3, hex(cpsr))
        # initrd at RAM + min(256M / 2, 128M); the DTB after it, 4 KiB aligned
        initrd_start = RAM + 128 * 1024 * 1024
        dtb_start = (initrd_start + len(initrd_data) + 4095) & ~4095
        check("r2 = the DTB after the initrd", r2 == dtb_start, hex(r2))
        check("initrd bytes in guest memory",
              g.read(initrd_start, len(initrd_data)) == initrd_data)
        size = struct.unpack(">I", g.read(r2 + 4, 4))[0]
        tree = fdt_parse(g.read(r2, size))
        mem = tree.get("/memory@60000000", {})
        check("/memory reg patched to the RAM size", mem.get("reg") ==
              cells(RAM, 256 * 1024 * 1024), mem)
        chosen = tree.get("/chosen", {})
        check("/chosen bootargs from -append",
              chosen.get("bootargs") == b"console=ttyAMA0 root=/dev/ram\0", chosen)
        check("/chosen linux,initrd-start/end",
              chosen.get("linux,initrd-start") == cells(initrd_start) and
              chosen.get("linux,initrd-end") == cells(initrd_start + len(initrd_data)),
              chosen)
        check("the rest of the DTB kept", tree.get("/", {}).get("model") == b"V2P-CA9\0")
        loader = struct.unpack("<7I", g.read(RAM, 28))
        check("boot loader at the bottom of RAM", loader ==
              (0xe3a00000, 0xe59f1004, 0xe59f2004, 0xe59ff004, 0x8e0, dtb_start,
               RAM + 0x10000), [hex(w) for w in loader])
        pen = struct.unpack("<14I", g.read(RAM + 0x20, 56))
        check("holding pen polls SYS_FLAGS, enables the GIC CPU interface",
              pen[7] == 0xe320f003 and pen[12:] == (0x1e000100, 0x10000030),
              [hex(w) for w in pen])
        r = g.qmp.cmd("system_reset")
        rec = g.wait_boot(count=2)
        check("system_reset boots again with the same registers",
              r == {"return": {}} and rec[:3] == (0, 0x8e0, dtb_start) and rec[5] == 2, rec)
    finally:
        g.close()


def test_uimage(tmp, comp, load):
    name = "gzip uImage" if comp else "uImage"
    kernel = write(tmp, "uImage%d" % comp, uimage(PAYLOAD, load, load, comp=comp))
    g = Guest(tmp, ["-kernel", kernel])
    try:
        r0, r1, r2, cpsr, pc, _, _ = g.wait_boot()
        check("%s: loaded and entered at its load address" % name, pc == load + 8, hex(pc))
        check("%s: r0/r1/r2 (ATAGs without -dtb)" % name,
              (r0, r1, r2) == (0, 0x8e0, RAM + 0x100), (r0, r1, hex(r2)))
    finally:
        g.close()


def test_raw_atags(tmp):
    kernel = write(tmp, "Image", PAYLOAD)
    initrd = write(tmp, "initrd2", b"x" * 100)
    g = Guest(tmp, ["-m", "64M", "-kernel", kernel, "-initrd", initrd, "-append", "quiet"])
    try:
        r0, r1, r2, _, pc, _, _ = g.wait_boot()
        check("raw Image: entered at RAM + 0x10000", pc == RAM + 0x10000 + 8, hex(pc))
        tags = struct.unpack("<22I", g.read(r2, 88))
        check("ATAG list: core, mem 64M, initrd2, cmdline, none",
              r2 == RAM + 0x100 and tags[1] == 0x54410001 and
              tags[5:9] == (4, 0x54410002, 64 << 20, RAM) and
              tags[9:13] == (4, 0x54420005, RAM + (32 << 20), 100) and
              tags[14] == 0x54410009 and g.read(r2 + 15 * 4, 6) == b"quiet\0" and
              tags[15 + tags[13] - 2:15 + tags[13]] == (0, 0), [hex(t) for t in tags])
    finally:
        g.close()


def test_elf_and_secure(tmp):
    # The bare-metal ELF path: entered at e_entry with the reset registers.
    base = RAM + 0x8000
    ehdr = struct.pack("<16sHHIIIIIHHHHHH", b"\x7fELF\x01\x01\x01" + b"\0" * 9,
                       2, 40, 1, base, 52, 0, 0, 52, 32, 1, 0, 0, 0)
    phdr = struct.pack("<IIIIIIII", 1, 84, base, base, len(PAYLOAD), len(PAYLOAD), 5, 4)
    kernel = write(tmp, "k.elf", ehdr + phdr + PAYLOAD)
    g = Guest(tmp, ["-kernel", kernel])
    try:
        r0, r1, r2, cpsr, pc, _, _ = g.wait_boot()
        check("ELF: entered at e_entry, registers as at reset",
              pc == base + 8 and (r0, r1, r2) == (0, 0, 0) and cpsr & 0x1f == 0x13,
              (hex(pc), r1))
    finally:
        g.close()
    kernel = write(tmp, "zImage-s", zimage())
    g = Guest(tmp, ["-M", "vexpress-a9,secure=on", "-kernel", kernel])
    try:
        r0, r1, _, cpsr, _, _, _ = g.wait_boot()
        sec = g.qmp.cmd("qom-get", {"path": "/machine", "property": "secure"})
        el3 = g.qmp.cmd("qom-get", {"path": "/machine/mpcore/cpu[0]", "property": "has_el3"})
        check("secure=on: CPU has EL3, Linux still entered in SVC with r1 = 0x8e0",
              sec == {"return": True} and el3 == {"return": True} and r1 == 0x8e0 and
              cpsr & 0x1f == 0x13, (sec, el3, hex(cpsr)))
    finally:
        g.close()
    g = Guest(tmp, ["-kernel", kernel])
    try:
        el3 = g.qmp.cmd("qom-get", {"path": "/machine/mpcore/cpu[0]", "property": "has_el3"})
        check("secure defaults to off (no EL3)", el3 == {"return": False}, el3)
    finally:
        g.close()


def test_bios(tmp):
    # Firmware in flash0, run from the alias at address 0: it stores like a kernel.
    bios = write(tmp, "bios.bin", PAYLOAD)
    g = Guest(tmp, ["-bios", bios])
    try:
        r0, r1, r2, cpsr, pc, _, _ = g.wait_boot()
        check("-bios: firmware runs from address 0", pc == 8 and r1 == 0, (hex(pc), r1))
        check("-bios: the bytes are in flash0", g.read(0x40000000, 8) == PAYLOAD[:8])
    finally:
        g.close()


def test_errors(tmp):
    kernel = write(tmp, "zImage-e", zimage())
    missing = os.path.join(tmp, "missing")
    bad = write(tmp, "bad.dtb", b"\xd0\x0d\xfe\xed" + b"\0" * 60)
    big = write(tmp, "big", b"\0" * (16 << 20))
    cases = [
        ("missing -kernel", ["-kernel", missing],
         "-kernel %s: could not read: Failed to open file" % missing),
        ("missing -initrd", ["-kernel", kernel, "-initrd", missing],
         "-initrd %s: could not read:" % missing),
        ("missing -dtb", ["-kernel", kernel, "-dtb", missing], "-dtb %s: could not read:" %
         missing),
        ("-initrd without -kernel", ["-initrd", kernel],
         "-initrd %s: only allowed with -kernel" % kernel),
        ("-dtb rejected by libfdt", ["-kernel", kernel, "-dtb", bad],
         "-dtb %s: not a valid device tree blob: " % bad),
        ("kernel too large", ["-m", "16M", "-kernel", big],
         "-kernel %s: does not fit in RAM (16777216 bytes at 0x60010000, RAM is "
         "0x60000000-0x60ffffff)" % big),
        ("initrd too large", ["-m", "16M", "-kernel", kernel, "-initrd", big],
         "-initrd %s: does not fit in RAM" % big),
        ("-bios with -kernel", ["-bios", kernel, "-kernel", kernel],
         "-bios %s: cannot be combined with -kernel %s" % (kernel, kernel)),
        ("missing -bios", ["-bios", missing], "-bios %s: could not read:" % missing),
        ("uImage for another architecture",
         ["-kernel", write(tmp, "x86.uimg", uimage(PAYLOAD, RAM, RAM, arch=3))],
         "uImage is not an ARM kernel (arch 3, type 2)"),
        ("truncated uImage",
         ["-kernel", write(tmp, "short.uimg", uimage(PAYLOAD, RAM, RAM, size=4096))],
         "truncated uImage (header says 4096 bytes, file has 44)"),
        ("corrupt gzip uImage",
         ["-kernel", write(tmp, "bad.uimg", struct.pack(
             ">IIIIIIIBBBB32s", 0x27051956, 0, 0, 42, RAM, RAM, 0, 5, 2, 2, 1, b"x") +
             b"\x1f\x8b" + b"\xff" * 40)],
         "gzip uImage does not decompress"),
        ("uImage load address outside RAM",
         ["-kernel", write(tmp, "out.uimg", uimage(PAYLOAD, 0x10000000, 0x10000000))],
         "does not fit in RAM (44 bytes at 0x10000000"),
    ]
    for name, args, want in cases:
        status, err = run_fail(args)
        check("error: " + name, status == 1 and want in err and err.count("\n") == 1,
              (status, err))


def main():
    print("1..36", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for t in (test_zimage_dtb, lambda d: test_uimage(d, 0, RAM + 0x8000),
                  lambda d: test_uimage(d, 1, RAM + 0x100000), test_raw_atags,
                  test_elf_and_secure, test_bios, test_errors):
            try:
                t(tmp)
            except Exception as e:  # report, then fail below
                check("no exception", False, repr(e))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
