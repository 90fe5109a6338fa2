#!/usr/bin/env python3
"""Advanced SIMD access control and UNDEF cases on vexpress-a9, with
images assembled here from instruction words (see test_boot.py): with
FPEXC.EN clear every NEON instruction UNDEFs; with the unit enabled (CPACR
and FPEXC written first, FPU_ON) they run, while reserved encodings and the
floating-point forms (not implemented yet) still UNDEF. An UNDEF is seen
as "exception 1 at pc X" in the -d int log (the handler is the blank
flash at the vectors, so the run is then ended with a signal). Prints TAP.

    test_neon_undef.py EMULATOR
"""
import os
import subprocess
import sys
import tempfile
import time

from test_boot import elf32

EMU = sys.argv[1]
# mrc p15,0,r0,c1,c0,2; orr r0,#0xf00000; mcr (CPACR); isb; mov r0,#1<<30; vmsr fpexc,r0
FPU_ON = [0xee110f50, 0xe380060f, 0xee010f50, 0xf57ff06f, 0xe3a00101, 0xeee80a10]
ON = 4 * len(FPU_ON)    # offset of the first instruction after FPU_ON
BASE = 0x60000000
results = []


def check(name, cond, detail=""):
    results.append(cond)
    line = "%s %d - %s" % ("ok" if cond else "not ok", len(results), name)
    print(line + ("" if cond or not detail else " # " + detail), flush=True)


def wait_log(tmp, words, want, *extra, debug="int"):
    """Runs WORDS until the -d log holds WANT (or 60 s pass); returns the log head."""
    path = os.path.join(tmp, "img%d" % len(results))
    logpath = path + ".log"
    with open(path, "wb") as f:
        f.write(elf32(words))
    p = subprocess.Popen([EMU, "-M", "vexpress-a9", "-display", "none", "-serial", "none",
                          "-monitor", "none", "-kernel", path, "-d", debug, "-D", logpath]
                         + list(extra), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = ""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and all(w not in log for w in want):
        time.sleep(0.05)
        if os.path.exists(logpath):
            with open(logpath) as f:
                log = f.read(8192)      # UNDEF repeats from the blank flash: the head is enough
    p.terminate()
    p.wait(timeout=30)
    return log


def undef_at(offset):
    return "exception 1 at pc 0x%08x -> mode 0x1b" % (BASE + offset)


def main():
    print("1..8", flush=True)
    nop = 0xe1a00000
    vadd = 0xf2010802               # vadd.i8 d0, d1, d2
    vmov_to_scalar = 0xee400b30     # vmov.8 d0[1], r0 (conditional space)
    vld1 = 0xf421070f               # vld1.8 {d0}, [r1]
    # vmov.i8 d0, #5; vadd.i8 d1, d0, d0; vmov.u8 r2, d1[3]; vdup.16 q2, r2;
    # vmov.s16 r3, d5[3]; add r2, r2, r3; then SYS_EXIT_EXTENDED with r2.
    prog = [0xf2800e15, 0xf2001800, 0xeed12b70, 0xeea42b30, 0xee353b70, 0xe0822003,
            0xe3a00020, 0xe28f1008, 0xe5812004, 0xef123456, 0xeafffffe, 0x00020026, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for name, word in (("VADD", vadd), ("VMOV to scalar", vmov_to_scalar),
                           ("VLD1", vld1)):
            log = wait_log(tmp, [nop, word, nop], [undef_at(4)])
            check("%s UNDEFs with FPEXC.EN clear" % name, undef_at(4) in log, log[-300:])
        path = os.path.join(tmp, "prog")
        with open(path, "wb") as f:
            f.write(elf32(FPU_ON + prog))
        r = subprocess.run([EMU, "-M", "vexpress-a9", "-display", "none", "-serial", "none",
                            "-monitor", "none", "-semihosting", "-kernel", path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           stdin=subprocess.DEVNULL, timeout=60)
        check("with the unit enabled NEON runs (exit status 10 + 10)", r.returncode == 20,
              "status %d %s" % (r.returncode, r.stderr.strip()))
        # Reserved: a Q operation naming an odd register; VMUL.P16 (P8 only).
        for name, word in (("VADD.I8 with odd Q register", 0xf2000841),
                           ("VMUL.P16", 0xf3110912)):
            log = wait_log(tmp, FPU_ON + [nop, word, nop], [undef_at(ON + 4)])
            check("%s UNDEFs" % name, undef_at(ON + 4) in log, log[-300:])
        want = "NEON floating-point (not implemented) instruction 0xf2010d02 at 0x%08x: UNDEF" \
            % (BASE + ON + 4)
        log = wait_log(tmp, FPU_ON + [nop, 0xf2010d02, nop], [want], debug="unimp")
        check("VADD.F32 UNDEFs with its message", want in log, log[-300:])
        # A working instruction just before: the UNDEF is at the second word.
        log = wait_log(tmp, FPU_ON + [vadd, 0xf2000841], [undef_at(ON + 4), undef_at(ON)])
        check("UNDEF after an executed VADD",
              undef_at(ON + 4) in log and undef_at(ON) not in log, log[-300:])
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
