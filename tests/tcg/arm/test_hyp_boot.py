#!/usr/bin/env python3
"""The mode a Linux kernel starts in on vexpress-a15 (hw/arm/boot.c), as
QEMU 7.2 does: Hyp mode when the board has PL2 but no EL3
(virtualization=on,secure=off: the reset mode); Non-secure SVC when it has
EL3 (virtualization=on alone implies secure=on), with SCR.HCE set so that
HVC reaches Hyp mode. The kernel is a raw image that exits through
semihosting with its CPSR mode as the status.
With a second argument (qemu-system-arm) QEMU must give the same status.
Prints TAP.

    test_hyp_boot.py EMULATOR [QEMU]
"""
import os
import struct
import subprocess
import sys
import tempfile

EMU = sys.argv[1]
QEMU = sys.argv[2] if len(sys.argv) > 2 else None
results = []

KERNEL = [
    0xe10f3000,     # mrs r3, cpsr
    0xe203301f,     # and r3, r3, #0x1f
    0xe28f100c,     # add r1, pc, #12      (the parameter block)
    0xe5813004,     # str r3, [r1, #4]     (subcode: the mode)
    0xe3a00020,     # mov r0, #0x20        (SYS_EXIT_EXTENDED)
    0xef123456,     # svc 0x123456
    0xeafffffe,     # b .
    0x20026,        # ADP_Stopped_ApplicationExit
    0,
]

CASES = [
    # (machine, expected mode)
    ("vexpress-a15,virtualization=on", 0x13),
    ("vexpress-a15,virtualization=on,secure=off", 0x1a),
    ("vexpress-a15,virtualization=on,secure=on", 0x13),
    ("vexpress-a15", 0x13),
    ("vexpress-a15,secure=on", 0x13),
]


def check(name, cond, detail=""):
    results.append(cond)
    line = "%s %d - %s" % ("ok" if cond else "not ok", len(results), name)
    print(line + ("" if cond or not detail else " # " + detail.replace("\n", " | ")),
          flush=True)


def run(cmd, path, machine):
    r = subprocess.run([cmd, "-M", machine, "-display", "none", "-serial", "none",
                        "-monitor", "none", "-semihosting", "-kernel", path]
                       + (["-audiodev", "none,id=snd"] if cmd == QEMU else []),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       stdin=subprocess.DEVNULL, timeout=60)
    return r


def main():
    print("1..%d" % (len(CASES) * (2 if QEMU else 1)), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "Image")
        with open(path, "wb") as f:
            f.write(struct.pack("<%dI" % len(KERNEL), *KERNEL))
        for machine, mode in CASES:
            r = run(EMU, path, machine)
            check("%s: kernel starts in mode 0x%x" % (machine, mode), r.returncode == mode,
                  "status 0x%x: %s" % (r.returncode, r.stderr[-300:]))
            if QEMU:
                r = run(QEMU, path, machine)
                check("%s: QEMU agrees" % machine, r.returncode == mode,
                      "status 0x%x: %s" % (r.returncode, r.stderr[-300:]))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
