#!/usr/bin/env python3
"""Advanced SIMD access control and UNDEF cases on vexpress-a9, with
images assembled here from instruction words (see test_boot.py): with
FPEXC.EN clear every NEON instruction UNDEFs; with the unit enabled (CPACR
and FPEXC written first, FPU_ON) they run, floating-point forms included, while
reserved encodings still UNDEF: VFMA/VFMS on the A9 (no VFPv4), .F16
arithmetic (sz = 1), pairwise Q forms, fixed point with #fbits < 32 ... An UNDEF is seen
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
    """Runs WORDS until the -d log holds one of WANT (or 60 s pass); returns the log head."""
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


# Assembled with arm-none-eabi-as (.fpu neon-vfpv4 where needed), in this order:
# vadd.f32 d; vsub.f32 q; vpadd.f32; vabd.f32 q; vmul.f32; vmla.f32 q; vmls.f32;
# vceq.f32; vcge.f32 q; vcgt.f32; vacge.f32; vacgt.f32 q; vmax.f32; vmin.f32 q;
# vpmax.f32; vpmin.f32; vrecps.f32; vrsqrts.f32 q; vceq/vcge/vcgt/vcle/vclt .f32 #0;
# vabs.f32; vneg.f32 q; vrecpe.f32; vrsqrte.f32 q; vrecpe.u32; vrsqrte.u32 q;
# vcvt.f32.s32; vcvt.f32.u32 q; vcvt.s32.f32; vcvt.u32.f32 q; vcvt.s32.f32 #3;
# vcvt.f32.u32 q, #32; vcvt.f16.f32; vcvt.f32.f16; vmul/vmla/vmls .f32 by scalar.
FP_OK = [0xf2010d02, 0xf2220d44, 0xf3010d02, 0xf3226d44, 0xf3010d12, 0xf2020d54,
         0xf2210d12, 0xf2010e02, 0xf3020e44, 0xf3210e02, 0xf3010e12, 0xf3220e54,
         0xf2010f02, 0xf2220f44, 0xf3010f02, 0xf3210f02, 0xf2010f12, 0xf2220f54,
         0xf3b90501, 0xf3b904c2, 0xf3b90401, 0xf3b90581, 0xf3b90642, 0xf3b90701,
         0xf3b907c2, 0xf3bb0501, 0xf3bb05c2, 0xf3bb0401, 0xf3bb04c2, 0xf3bb0601,
         0xf3bb06c2, 0xf3bb0701, 0xf3bb07c2, 0xf2bd0f11, 0xf3a00e52, 0xf3b60602,
         0xf3b60701, 0xf2a10962, 0xf3a20142, 0xf2a1056f]
# mov r2, #7; then SYS_EXIT_EXTENDED with r2 (as prog below).
EXIT7 = [0xe3a02007, 0xe3a00020, 0xe28f1008, 0xe5812004, 0xef123456, 0xeafffffe,
         0x00020026, 0]
# Reserved floating-point encodings; VFMA/VFMS need VFPv4, which the A9 lacks.
FP_UNDEF = [
    ("VFMA.F32 on the A9", 0xf2010c12),
    ("VFMS.F32 Q on the A9", 0xf2220c54),
    ("VADD with sz = 1 (.F16)", 0xf2110d02),
    ("VPADD.F32 Q form", 0xf3000d42),
    ("VMUL.F32 with U = 1, bit 21 set", 0xf3210d12),
    ("VCEQ.F32 with bit 21 set", 0xf2210e02),
    ("VACGE with U = 0", 0xf2010e12),
    ("VRECPS with U = 1", 0xf3010f12),
    ("VADD.F32 Q with an odd register", 0xf2021d44),
    ("VCVT fixed point with #fbits > 32 (imm6 < 32)", 0xf2900f10),
    ("VCVT.F16.F32 from an odd Q register", 0xf3b60603),
    ("VRECPE with size 01", 0xf3b70401),
    ("float compare #0 with op 101 (SHA1H's)", 0xf3b90681),
    ("VMUL.F32 by scalar with size 01", 0xf2910962),
]


def undef_at(offset):
    return "exception 1 at pc 0x%08x -> mode 0x1b" % (BASE + offset)


def main():
    print("1..%d" % (8 + len(FP_UNDEF)), flush=True)
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
        # Every floating-point form runs (no UNDEF, nothing logged as
        # unimplemented), then the program exits with status 7.
        path = os.path.join(tmp, "fp")
        with open(path, "wb") as f:
            f.write(elf32(FPU_ON + FP_OK + EXIT7))
        logpath = path + ".log"
        r = subprocess.run([EMU, "-M", "vexpress-a9", "-display", "none", "-serial", "none",
                            "-monitor", "none", "-semihosting", "-kernel", path,
                            "-d", "int,unimp", "-D", logpath],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           stdin=subprocess.DEVNULL, timeout=60)
        with open(logpath) as f:
            log = f.read()
        check("%d NEON floating-point encodings run (exit status 7, no exception or "
              "UNDEF in the -d int,unimp log)" % len(FP_OK), r.returncode == 7 and "exception" not in log and "UNDEF" not in log,
              "status %d %s %s" % (r.returncode, r.stderr.strip(), log[:300]))
        for name, word in FP_UNDEF:
            log = wait_log(tmp, FPU_ON + [nop, word, nop], [undef_at(ON + 4)])
            check("%s UNDEFs" % name, undef_at(ON + 4) in log, log[-300:])
        # A working instruction just before: the UNDEF is at the second word.
        log = wait_log(tmp, FPU_ON + [vadd, 0xf2000841], [undef_at(ON + 4), undef_at(ON)])
        check("UNDEF after an executed VADD",
              undef_at(ON + 4) in log and undef_at(ON) not in log, log[-300:])
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
