#!/usr/bin/env python3
"""Booting bare-metal images on vexpress-a9: the exit status that SYS_EXIT
and SYS_EXIT_EXTENDED give, and the messages for images the board cannot
boot. Minimal ELF images are assembled here from instruction words.
Prints TAP.

    test_boot.py EMULATOR
"""
import os
import struct
import subprocess
import sys
import tempfile
import time

EMU = sys.argv[1]
results = []


def check(name, cond, detail=""):
    results.append(cond)
    line = "%s %d - %s" % ("ok" if cond else "not ok", len(results), name)
    print(line + ("" if cond or not detail else " # " + detail), flush=True)


def elf32(words, base=0x60000000, machine=40):
    """An ELF32 little-endian executable with WORDS at BASE (entry BASE)."""
    code = struct.pack("<%dI" % len(words), *words)
    ehdr = struct.pack("<16sHHIIIIIHHHHHH", b"\x7fELF\x01\x01\x01" + b"\0" * 9,
                       2, machine, 1, base, 52, 0, 0, 52, 32, 1, 0, 0, 0)
    phdr = struct.pack("<IIIIIIII", 1, 84, base, base, len(code), len(code), 5, 4)
    return ehdr + phdr + code


def exit_image(reason, extended=False, subcode=0):
    # mov r0, #op; add r1, pc, #4 (-> the block) or ldr r1, [pc, #4]; svc; b .; data
    if extended:
        return elf32([0xe3a00020, 0xe28f1004, 0xef123456, 0xeafffffe, reason, subcode])
    return elf32([0xe3a00018, 0xe59f1004, 0xef123456, 0xeafffffe, reason])


def run(tmp, image, *extra):
    path = os.path.join(tmp, "img%d" % len(results))
    with open(path, "wb") as f:
        f.write(image)
    r = subprocess.run([EMU, "-M", "vexpress-a9", "-display", "none", "-serial", "none",
                        "-monitor", "none", "-kernel", path] + list(extra),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       stdin=subprocess.DEVNULL, timeout=60)
    return r, path


def main():
    print("1..9", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        r, _ = run(tmp, exit_image(0x20026), "-semihosting")
        check("SYS_EXIT ApplicationExit gives 0", r.returncode == 0, r.stderr)
        r, _ = run(tmp, exit_image(0x20023), "-semihosting")
        check("SYS_EXIT other reason gives 1", r.returncode == 1, r.stderr)
        r, _ = run(tmp, exit_image(0x20026, True, 42), "-semihosting-config", "enable=on")
        check("SYS_EXIT_EXTENDED subcode 42", r.returncode == 42, r.stderr)
        r, _ = run(tmp, exit_image(0x20024, True, 42), "-semihosting")
        check("SYS_EXIT_EXTENDED other reason gives 1", r.returncode == 1, r.stderr)
        # Without -semihosting the SVC is a plain exception to vector 0x8 (the
        # blank flash0 alias: UNDEF after UNDEF from there); wait for the
        # exception in the -d int log, then end it with a signal.
        path = os.path.join(tmp, "nosemi")
        with open(path, "wb") as f:
            f.write(exit_image(0x20026))
        logpath = os.path.join(tmp, "nosemi.log")
        p = subprocess.Popen([EMU, "-M", "vexpress-a9", "-display", "none", "-serial", "none",
                              "-monitor", "none", "-kernel", path, "-d", "int,guest_errors",
                              "-D", logpath],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        err = ""
        deadline = time.monotonic() + 60
        want = "exception 2 at pc 0x60000008 -> mode 0x13"
        while time.monotonic() < deadline and want not in err:
            time.sleep(0.05)
            if os.path.exists(logpath):
                with open(logpath) as f:
                    err = f.read(4096)      # the log keeps growing: the head is enough
        p.terminate()
        p.wait(timeout=30)
        check("SVC without -semihosting takes the exception", want in err, err[-300:])
        # A raw Image goes through the Linux boot loader: it exits with
        # SYS_EXIT_EXTENDED, subcode r1 (board id 0x8e0: status 0xe0).
        r, path = run(tmp, struct.pack("<10I", 0xe59f4018, 0xe59f5018, 0xe5845000,
                                       0xe5841004, 0xe1a01004, 0xe3a00020, 0xef123456,
                                       0xeafffffe, 0x60002000, 0x20026), "-semihosting")
        check("raw Image entered with r1 = board id", r.returncode == 0xe0, r.stderr)
        r, path = run(tmp, elf32([0], machine=20))
        check("wrong ELF machine", r.returncode == 1 and
              ("-kernel %s: '%s': ELF machine 20, expected 40" % (path, path)) in r.stderr,
              r.stderr)
        r, _ = run(tmp, exit_image(0x20026), "-dtb", "/dev/null")
        check("-dtb that is no DTB", r.returncode == 1 and
              "-dtb /dev/null: not a device tree blob: FDT_ERR_TRUNCATED" in r.stderr,
              r.stderr)
        # 0xf0000000: nothing is mapped there on the A9 map (0x40000000 is flash).
        r, _ = run(tmp, elf32([0], base=0xf0000000))
        check("segment outside RAM", r.returncode == 1 and
              "segment 0 at 0xf0000000 is outside guest memory" in r.stderr, r.stderr)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
