#!/usr/bin/env python3
"""Snapshots and live migration of Debian Linux on vexpress-a9 (suite "slow").

Debian's armmp kernel with the busybox initramfs (linuxguest.py), one CPU:

  - snapshots: with a qcow2 image made by Debian's qemu-img on the SD slot,
    the shell writes /tmp/x (a tmpfs: RAM state, not disk state), HMP
    savevm s1, writes it again, loadvm s1: the shell shows the first value
    and still runs commands; a new process started with -loadvm s1 is the
    same shell with the same /tmp/x; qemu-img check and snapshot -l accept
    the image afterwards;
  - live migration: with kernel messages off the console (dmesg -n 1), a
    shell loop prints "tick N" every 100 ms (busybox
    usleep); the guest goes through 20 fresh -incoming processes over tcp,
    then ping-pongs 5 times between two fixed ports. No key is sent after
    the loop starts. Each process's serial output (its own socket) is read
    to the end; the outputs in migration order must hold every tick number
    once, in order, and nothing but ticks;
  - mid-boot: migrated while the kernel boots (before the init marker);
    the destination reaches the init marker and the shell.

Every wait polls with a generous deadline. Prints TAP.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from linuxguest import INIT_MARKER, LinuxGuest, guest_dir
from qmpclient import check, results
from test_migrate_ticks import free_port, wait_for

WAIT = 120          # seconds: a deadline for any one step on a loaded host
LOOP = "i=0; while true; do echo tick $i; i=$((i+1)); usleep 100000; done &"
TICK_RE = re.compile(r"tick (\d+)")


def drain(g, quiet=0.5, limit=WAIT):
    """Reads G's serial output until it has been silent for QUIET seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not g._pump(quiet):
            return


def hmp(g, line):
    """Runs an HMP command through QMP; returns its text (raises on a QMP error)."""
    r = g.qmp.cmd("human-monitor-command", {"command-line": line})
    if "return" not in r:
        raise RuntimeError("%s: %r" % (line, r))
    return r["return"]


def status(g):
    return g.qmp.cmd("query-status")["return"]["status"]


def quit_guest(g):
    if hasattr(g, "err_text"):
        return
    if g.proc.poll() is None:
        try:
            g.qmp.cmd("quit")
            g.proc.wait(timeout=WAIT)
        except Exception:           # noqa: BLE001 - the check that matters failed
            pass
    g.err_text = g.stderr()         # what it wrote, kept past close()
    g.close()


# ---------------------------------------------------------------- snapshots

def qemu_img(*args):
    return subprocess.run(["qemu-img"] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)


def test_snapshots():
    if not check("qemu-img (Debian's qemu-utils) is installed",
                 shutil.which("qemu-img") is not None):
        return
    tmp = tempfile.mkdtemp(prefix="ferry-linux-snap-")
    image = os.path.join(tmp, "disk.qcow2")
    r = qemu_img("create", "-f", "qcow2", image, "64M")
    check("snapshots: qemu-img create -f qcow2", r.returncode == 0, r.stdout)
    drive = ["-drive", "if=sd,format=qcow2,file=" + image]
    g = LinuxGuest("vexpress-a9", 1, extra=drive)
    ok = False
    try:
        g.boot_to_shell()
        g.shell("echo before > /tmp/x")
        out = hmp(g, "savevm s1")
        check("snapshots: savevm s1", out == "" and status(g) == "running", repr(out))
        g.shell("echo after > /tmp/x")
        x = g.shell("cat /tmp/x")
        check("snapshots: /tmp/x is 'after' before loadvm", x == "after", repr(x))
        out = hmp(g, "loadvm s1")
        check("snapshots: loadvm s1, guest running", out == "" and status(g) == "running",
              repr(out))
        x = g.shell("cat /tmp/x")
        check("snapshots: after loadvm /tmp/x is 'before'", x == "before", repr(x))
        x = g.shell("echo alive $((6*7))")
        check("snapshots: the restored shell runs commands", x == "alive 42", repr(x))
        quit_guest(g)
        first = g

        g = LinuxGuest("vexpress-a9", 1, extra=drive + ["-loadvm", "s1"])
        st = status(g)
        x = g.shell("cat /tmp/x")
        check("snapshots: -loadvm s1 starts running in the saved shell, /tmp/x 'before'",
              x == "before" and st == "running", "%r, status %s" % (x, st))
        noinit = INIT_MARKER not in g.out
        check("snapshots: -loadvm s1 did not boot the kernel again", noinit, g.out[:300])
        g.type("poweroff -f\n")
        rc = g.exit_status(WAIT)
        check("snapshots: poweroff -f after -loadvm exits with status 0", rc == 0,
              "status %s; serial tail %r; %s" % (rc, g.out[-300:], g.stderr()))
        quit_guest(g)

        r = qemu_img("check", image)
        check("snapshots: qemu-img check finds no errors",
              r.returncode == 0 and "No errors" in r.stdout, r.stdout)
        r = qemu_img("snapshot", "-l", image)
        names = [line.split()[1] for line in r.stdout.splitlines()[2:] if line.split()]
        check("snapshots: qemu-img snapshot -l lists s1 (only)",
              r.returncode == 0 and names == ["s1"], r.stdout)
        noise = [t for t in (first.err_text, g.err_text) if t.strip()]
        ok = check("snapshots: no process wrote to stdout or stderr", not noise,
                   repr(noise)[:400])
    except Exception as e:          # noqa: BLE001 - reported as a failed check
        check("snapshots: no exception", False, repr(e))
    finally:
        quit_guest(g)
        if ok:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print("# snapshots: image kept in %s" % tmp, flush=True)


# ---------------------------------------------------------- live migration

def loop_problems(text):
    """What is wrong with the combined output TEXT after the loop started ('' if fine).

    Every complete line is "tick N" for N = 0, 1, 2 ... (the shell may put
    its prompt, with its cursor position query, the job's "[1] PID" or an
    empty line in the first lines); the last may be incomplete.
    """
    lines = text.replace("\r", "").split("\n")
    lines[:3] = [re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", line) for line in lines[:3]]
    complete, tail = lines[:-1], lines[-1]
    n = 0
    for i, line in enumerate(complete):
        if i < 3 and (re.fullmatch(r"\[\d+\] \d+", line) or line in ("", "/ # ")):
            continue
        if i < 3 and line.startswith("/ # "):
            line = line[4:]
        if line != "tick %d" % n:
            return "line %d is %r, expected 'tick %d' (lines before: %r)" % (
                i, line, n, complete[max(0, i - 3):i])
        n += 1
    if tail and not ("tick %d" % n).startswith(tail.replace("/ # ", "", 1)):
        return "incomplete last line %r, expected the start of 'tick %d'" % (tail, n)
    if n == 0:
        return "no tick"
    return ""


class Chain:
    """The guest across processes: each one's output, drained, in order."""

    def __init__(self):
        self.guests = []

    def start(self, port=None):
        g = LinuxGuest("vexpress-a9", 1,
                       incoming="tcp:127.0.0.1:%d" % port if port else None)
        self.guests.append(g)
        return g

    def text(self):
        return "".join(g.out for g in self.guests)

    def migrate(self, src, port=None):
        """Migrates SRC to a new -incoming process; drains and quits SRC; returns the new one."""
        port = port or free_port()
        dst = self.start(port)
        r = src.qmp.cmd("migrate", {"uri": "tcp:127.0.0.1:%d" % port})
        if "error" in r:
            raise RuntimeError("migrate: %r" % r)

        def done():
            info = src.qmp.cmd("query-migrate").get("return", {})
            return info if info.get("status") in ("completed", "failed") else None
        info = wait_for("migration to port %d" % port, done, WAIT)
        if info.get("status") != "completed":
            raise RuntimeError("migration failed: %r / %s" % (info, dst.stderr()))
        wait_for("destination done loading", lambda: status(dst) != "inmigrate", WAIT)
        st = (status(src), status(dst))
        if st != ("postmigrate", "running"):
            raise RuntimeError("after migration source/destination are %r" % (st,))
        drain(src)
        quit_guest(src)
        return dst

    def cleanup(self):
        for g in self.guests:
            quit_guest(g)


def wait_ticks(g, n):
    """Waits until G itself has printed N more complete tick lines than before the call."""
    line = re.compile(r"tick \d+\r?\n")
    want = len(line.findall(g.out)) + n
    while len(line.findall(g.out)) < want:
        g.wait_for(line.pattern, WAIT)


def test_live(hops=20, pongs=5):
    chain = Chain()
    try:
        g = chain.start()
        g.boot_to_shell()
        g.shell("dmesg -n 1")       # no late kernel messages among the ticks
        g.type(LOOP + "\n")
        # The command line may be echoed twice (the tty echoes keys that
        # arrive before the shell's line editor reads them, which redraws
        # them): the loop's output begins after the last echo before tick 0.
        first = g.wait_for(r"tick 0\r?\n", 60)
        start = g.out.index("\n", g.out.rindex("done &", 0, first.start())) + 1
        wait_ticks(g, 2)
        t0 = time.monotonic()
        for _ in range(hops):
            g = chain.migrate(g)
            wait_ticks(g, 1)
        check("live: %d migrations to fresh processes (%.0f s)" % (hops, time.monotonic() - t0),
              True)
        ports = [free_port(), free_port()]
        side = 0
        for _ in range(pongs):
            side ^= 1
            g = chain.migrate(g, ports[side])
            wait_ticks(g, 2)
        check("live: %d ping-pong hops between ports %d and %d" % (pongs, ports[0], ports[1]),
              True)
        drain(g, 0.3, 2)
        text = chain.text()[start:]
        problem = loop_problems(text)
        nticks = len(TICK_RE.findall(text))
        check("live: ticks consecutive across %d processes (%d ticks)"
              % (len(chain.guests), nticks), problem == "", problem)
        x = g.shell("kill %1; echo still here")
        check("live: the shell answers after the migrations",
              "still here" in x.split("\n"), repr(x))
        chain.cleanup()
        noise = [(i, c.err_text) for i, c in enumerate(chain.guests) if c.err_text.strip()]
        check("live: no process wrote to stdout or stderr", not noise, repr(noise)[:400])
    except Exception as e:          # noqa: BLE001
        check("live: no exception", False, repr(e))
        print("# serial tail %r" % chain.text()[-600:], flush=True)
    finally:
        chain.cleanup()


def test_mid_boot(attempts=3):
    """Migrated while the kernel boots; the destination finishes booting.

    The first attempt migrates at the kernel's first console line, a later
    one as soon as the source runs; one whose source reached the init
    marker first is repeated.
    """
    for attempt in range(1, attempts + 1):
        chain = Chain()
        try:
            src = chain.start()
            if attempt == 1:
                src.wait_for(r"Booting Linux", WAIT)
            dst = chain.migrate(src)
            late = INIT_MARKER in src.out
            if late and attempt < attempts:
                print("# mid-boot: attempt %d: the source reached the init marker first"
                      % attempt, flush=True)
                continue
            check("mid-boot: migrated before the init marker (attempt %d, source printed %d "
                  "bytes)" % (attempt, len(src.out)), not late, src.out[-300:])
            dst.boot_to_shell(WAIT * 2)
            x = dst.shell("echo booted $((2+3))")
            check("mid-boot: destination reaches the init marker and the shell",
                  x == "booted 5", repr(x))
            text = chain.text()
            check("mid-boot: one boot (one init marker, one 'Booting Linux')",
                  text.count(INIT_MARKER) == 1 and text.count("Booting Linux") == 1,
                  "%d/%d" % (text.count(INIT_MARKER), text.count("Booting Linux")))
            chain.cleanup()
            noise = [g.err_text for g in chain.guests if g.err_text.strip()]
            check("mid-boot: no process wrote to stdout or stderr", not noise,
                  repr(noise)[:400])
            return
        except Exception as e:      # noqa: BLE001
            check("mid-boot: no exception", False, repr(e))
            return
        finally:
            chain.cleanup()


def main():
    try:
        guest_dir()
    except Exception as e:          # noqa: BLE001 - no guest files and no network
        check("the Debian guest is available (scripts/fetch-guests.sh)", False, str(e))
        print("1..%d" % len(results), flush=True)
        return 1
    t0 = time.monotonic()
    test_snapshots()
    print("# snapshots: %.0f s" % (time.monotonic() - t0), flush=True)
    t1 = time.monotonic()
    test_live()
    print("# live: %.0f s" % (time.monotonic() - t1), flush=True)
    t1 = time.monotonic()
    test_mid_boot()
    print("# mid-boot: %.0f s; total %.0f s" % (time.monotonic() - t1, time.monotonic() - t0),
          flush=True)
    print("1..%d" % len(results), flush=True)
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
