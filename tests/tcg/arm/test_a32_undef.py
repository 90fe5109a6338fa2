#!/usr/bin/env python3
"""UNDEF paths of the A32 front end and the messages they log (-d unimp).

Each image sets VBAR to its own vector table whose Undefined vector exits
through semihosting with status 0, then executes one instruction that must
UNDEF on the vexpress-a9's cortex-a9. The test checks the exit status (the
vector was taken) and the message naming the instruction and its address.
Prints TAP.

    test_a32_undef.py EMULATOR
"""
import os
import struct
import subprocess
import sys
import tempfile

EMU = sys.argv[1]
BASE = 0x60000000
results = []


def check(name, cond, detail=""):
    results.append(cond)
    line = "%s %d - %s" % ("ok" if cond else "not ok", len(results), name)
    print(line + ("" if cond or not detail else " # " + detail.replace("\n", " | ")),
          flush=True)


def image(insn):
    """ELF32 image: VBAR = BASE + 0x20, INSN at BASE + 8, UND vector exits 0."""
    words = [
        0xe59f0014,     # ldr r0, [pc, #0x14]    (the constant at 0x1c)
        0xee0c0f10,     # mcr p15, 0, r0, c12, c0, 0   (VBAR)
        insn,           # must UNDEF
        0xeafffffe,     # b .   (reached only when it did not)
        0xeafffffe, 0xeafffffe, 0xeafffffe,
        BASE + 0x20,
        0xeafffffe,     # vectors: reset
        0xe3a00018,     # Undefined: mov r0, #0x18 (SYS_EXIT)
        0xe59f1004,     # ldr r1, [pc, #4]
        0xef123456,     # svc 0x123456
        0xeafffffe,
        0x20026,        # ADP_Stopped_ApplicationExit
    ]
    code = struct.pack("<%dI" % len(words), *words)
    ehdr = struct.pack("<16sHHIIIIIHHHHHH", b"\x7fELF\x01\x01\x01" + b"\0" * 9,
                       2, 40, 1, BASE, 52, 0, 0, 52, 32, 1, 0, 0, 0)
    phdr = struct.pack("<IIIIIIII", 1, 84, BASE, BASE, len(code), len(code), 7, 4)
    return ehdr + phdr + code


CASES = [
    # (name, instruction, the message's reason)
    ("udiv on cortex-a9", 0xe730f112, "divide (not in this CPU)"),
    ("sdiv on cortex-a9", 0xe710f112, "divide (not in this CPU)"),
    ("hvc", 0xe1400070, "HVC (no Virtualization Extensions)"),
    ("eret", 0xe160006e, "ERET (no Virtualization Extensions)"),
    ("mrs banked on cortex-a9", 0xe10e0300, "MRS/MSR banked (no Virtualization Extensions)"),
    # A Cortex-A15 whose board leaves PL2 off (virtualization=off): no HVC.
    ("hvc on cortex-a15, virtualization=off", 0xe1400070,
     "HVC (no Virtualization Extensions)", ["-cpu", "cortex-a15"]),
    # With EL3 the core resets in Secure SVC, where HVC is UNDEFINED.
    ("hvc in Secure state", 0xe1400070, "HVC in Secure state",
     ["-cpu", "cortex-a15", "-M", "vexpress-a9,secure=on,virtualization=on"]),
    ("ldrex into pc", 0xe192ff9f, "UNPREDICTABLE"),
    ("strex status = base", 0xe1811f90, "UNPREDICTABLE"),
    ("cps with imod 01", 0xf1040000, "UNPREDICTABLE CPS"),
    ("srs to Hyp mode", 0xf96d051a, "UNPREDICTABLE SRS"),
    ("stm^ with writeback", 0xe8e00003, "UNPREDICTABLE STM (user registers)"),
    ("unallocated cond=1111", 0xfc000000, "unconditional-space"),
    ("udf", 0xe7f000f0, None),
]


def main():
    print("1..%d" % (2 * len(CASES)), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            name, insn, reason = case[:3]
            machine = case[3] if len(case) > 3 else []
            if "-M" not in machine:
                machine = ["-M", "vexpress-a9"] + machine
            path = os.path.join(tmp, "img%d" % len(results))
            with open(path, "wb") as f:
                f.write(image(insn))
            try:
                r = subprocess.run([EMU] + machine + ["-display", "none", "-serial",
                                    "none", "-monitor", "none", "-semihosting", "-kernel",
                                    path, "-d", "unimp"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   stdin=subprocess.DEVNULL, timeout=30)
            except subprocess.TimeoutExpired:
                # the instruction did not UNDEF: the image spins at "b ."
                check(name + ": Undefined vector taken", False, "no exit within 30 s")
                check(name + ": message", False)
                continue
            check(name + ": Undefined vector taken", r.returncode == 0,
                  "status %d: %s" % (r.returncode, r.stderr[-300:]))
            if reason is None:
                # UDF is architecturally UNDEFINED: no "unimplemented" message
                check(name + ": nothing logged", "arm:" not in r.stderr, r.stderr[-300:])
            else:
                want = "arm: %s instruction 0x%08x at 0x%08x: UNDEF" % (reason, insn, BASE + 8)
                check(name + ": message", want in r.stderr, r.stderr[-300:])
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
