#!/usr/bin/env python3
"""Debian Linux on the Versatile Express boards (suite "slow").

Debian's armmp kernel with a busybox initramfs (scripts/fetch-guests.sh)
boots to its init marker and shell on vexpress-a9 with 1 and 4 CPUs and
vexpress-a15 with 1 and 2 CPUs; the kernel sees every CPU. `poweroff -f`
ends the emulator with status 0; `reboot -f` boots the guest again, or
ends the emulator with status 0 under -no-reboot. Prints TAP.
"""
import sys

from linuxguest import LinuxGuest
from qmpclient import check, results

CASES = [("vexpress-a9", 1), ("vexpress-a9", 4), ("vexpress-a15", 1), ("vexpress-a15", 2)]


def boot_case(board, smp):
    g = LinuxGuest(board, smp)
    try:
        g.boot_to_shell()
        check("%s -smp %d: init marker and shell" % (board, smp), True)
        online = g.shell("cat /sys/devices/system/cpu/online")
        want = "0" if smp == 1 else "0-%d" % (smp - 1)
        check("%s -smp %d: CPUs online %s" % (board, smp, want), online == want, online)
        up = g.shell("cat /proc/uptime")
        check("%s -smp %d: timer ticks (uptime %s)" % (board, smp, up),
              float(up.split()[0]) > 0, up)
        g.type("poweroff -f\n")
        status = g.exit_status(120)
        check("%s -smp %d: poweroff -f exits with status 0" % (board, smp), status == 0,
              "status %s; %s" % (status, g.stderr()))
    except Exception as e:          # noqa: BLE001 - reported as a failed check
        check("%s -smp %d: boot" % (board, smp), False, str(e))
    finally:
        g.close()


def reboot_case():
    g = LinuxGuest("vexpress-a9", 1)
    try:
        g.boot_to_shell()
        g.type("reboot -f\n")
        g.boot_to_shell()
        check("reboot -f: the guest boots again to its shell", True)
    except Exception as e:          # noqa: BLE001
        check("reboot -f: boots again", False, str(e))
    finally:
        g.close()

    g = LinuxGuest("vexpress-a9", 1, extra=["-no-reboot"])
    try:
        g.boot_to_shell()
        g.type("reboot -f\n")
        status = g.exit_status(120)
        check("reboot -f with -no-reboot exits with status 0", status == 0,
              "status %s; %s" % (status, g.stderr()))
    except Exception as e:          # noqa: BLE001
        check("reboot -f with -no-reboot exits", False, str(e))
    finally:
        g.close()


def main():
    for board, smp in CASES:
        boot_case(board, smp)
    reboot_case()
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
