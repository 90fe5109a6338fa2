#!/usr/bin/env python3
"""Live migration of a ticking guest between ferry-system-arm processes.

The guest (a Guest below: by default tests/tcg/arm/ticks.c on vexpress-a9,
FERRY_TICKS_ELF) prints "tick N" on its serial line every 100 ms of guest
time, N = 0, 1, 2 ...; each process writes its serial output to its own
file. A migration goes over tcp to a fresh process started with -incoming;
the source's output followed by the destination's must be exactly the
guest's output of a run that never migrated: every tick number once, in
order, a line cut by the switch-over continued on the destination. A
stopped guest does not tick, so nothing may be lost to the downtime. No
input is ever sent to the guest.

  - chain: A -> B -> C ... 20 migrations, each after the destination has
    shown new ticks;
  - ping-pong: between two fixed ports, a fresh -incoming process each time
    on the side the guest just left (its port freed by the source's exit);
  - start-up: migrated while still initialising (before its first tick);
    and a guest stopped before its first instruction (-S), which the
    destination leaves paused until `cont`;
each with one CPU and with 4 (the secondaries parked in WFI).

Every wait polls for progress with a generous deadline; no step relies on
wall time. Prints TAP.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from qmpclient import Qmp, check, results

BINARY = os.environ.get("FERRY_BINARY", "build/ferry-system-arm")
TICKS_ELF = os.environ.get("FERRY_TICKS_ELF", "build/tests/tcg/arm/ticks.elf")
WAIT = 60           # seconds: a deadline for any one step on a loaded host


class Guest:
    """What a ticking guest is: its command line and how to read its output.

    A Linux guest overrides args() and the markers; the checks only use
    boot_marker (printed at once), ready_marker (initialisation done, just
    before tick 0) and tick lines "tick N".
    """
    name = "ticks.elf"
    boot_marker = "ticks boot"
    ready_marker = "ticks init ok"
    tick_re = re.compile(r"tick (\d+)$")
    fail_re = re.compile(r"FAIL")

    def args(self, smp):
        return ["-M", "vexpress-a9", "-m", "32M", "-smp", str(smp), "-semihosting",
                "-kernel", TICKS_ELF]

    def ticks(self, text):
        """Tick numbers in complete lines of TEXT, in order."""
        out = []
        for line in text.split("\n")[:-1]:
            m = self.tick_re.match(line)
            if m:
                out.append(int(m.group(1)))
        return out

    def problems(self, text):
        """What is wrong with TEXT as a whole run's output ('' if nothing).

        Exactly: the boot marker, the ready marker, then tick 0, 1, 2 ...;
        the last line may be incomplete (the run goes on).
        """
        lines = text.split("\n")
        complete, tail = lines[:-1], lines[-1]
        for i, line in enumerate(complete):
            if self.fail_re.search(line):
                return "guest reports line %d: %r" % (i, line)
        head = [self.boot_marker, self.ready_marker]
        for i, want in enumerate(head):
            if i < len(complete) and complete[i] != want:
                return "line %d is %r, expected %r" % (i, complete[i], want)
        for i, line in enumerate(complete[len(head):]):
            want = "tick %d" % i
            if line != want:
                return "line %d is %r, expected %r (after %r)" % (
                    i + len(head), line, want, complete[i + len(head) - 1])
        n = max(0, len(complete) - len(head))
        want = ("tick %d" % n) if len(complete) >= len(head) else head[len(complete)]
        if not want.startswith(tail):
            return "incomplete last line %r, expected the start of %r" % (tail, want)
        return ""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, cond, timeout=WAIT):
    """Polls COND until it returns a true value; raises naming WHAT."""
    deadline = time.time() + timeout
    while True:
        v = cond()
        if v:
            return v
        if time.time() > deadline:
            raise TimeoutError("timed out waiting for " + what)
        time.sleep(0.02)


class Vm:
    """One emulator process: its serial output in a file, QMP on a socket."""

    def __init__(self, guest, tmp, name, smp, incoming_port=None, paused=False):
        self.name = name
        self.serial = os.path.join(tmp, name + ".serial")
        self.log = os.path.join(tmp, name + ".stderr")
        qmp_path = os.path.join(tmp, name + ".qmp")
        cmd = [BINARY] + guest.args(smp) + [
            "-display", "none", "-monitor", "none", "-serial", "file:" + self.serial,
            "-qmp", "unix:%s,server=on,wait=off" % qmp_path]
        if incoming_port is not None:
            cmd += ["-incoming", "tcp:127.0.0.1:%d" % incoming_port]
        if paused:
            cmd += ["-S"]
        # stdout too: a bare-metal guest's semihosting messages go there.
        with open(self.log, "wb") as err:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=err, stderr=err)
        wait_for(name + " QMP socket",
                 lambda: os.path.exists(qmp_path) or self.proc.poll() is not None)
        try:
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited at start: %s" % (name, self.stderr()))
            # The path exists from bind(); connections succeed from listen().
            self.qmp = wait_for(name + " QMP connection", lambda: self.connect(qmp_path))
            self.qmp.recv()
            self.qmp.cmd("qmp_capabilities")
        except BaseException:
            self.proc.kill()
            self.proc.wait()
            raise

    @staticmethod
    def connect(path):
        try:
            return Qmp(path)
        except ConnectionRefusedError:
            return None

    def output(self):
        try:
            with open(self.serial, "rb") as f:
                return f.read().decode("latin-1")
        except FileNotFoundError:
            return ""

    def stderr(self):
        with open(self.log, "rb") as f:
            return f.read().decode("latin-1")

    def status(self):
        return self.qmp.cmd("query-status")["return"]["status"]

    def migrate_status(self):
        return self.qmp.cmd("query-migrate").get("return", {})

    def quit(self):
        if self.proc.poll() is None:
            try:
                self.qmp.cmd("quit")
                self.proc.wait(timeout=WAIT)
            except Exception:   # the check that matters already failed
                self.proc.kill()
                self.proc.wait()


class Run:
    """A guest's life across processes: the outputs in migration order."""

    def __init__(self, guest, smp, label):
        self.guest, self.smp, self.label = guest, smp, label
        self.tmp = tempfile.mkdtemp(prefix="ferry-ticks-")
        self.vms = []       # every process ever started, in order
        self.count = 0

    def start(self, incoming_port=None, paused=False):
        self.count += 1
        vm = Vm(self.guest, self.tmp, "vm%d" % self.count, self.smp, incoming_port, paused)
        self.vms.append(vm)
        return vm

    def text(self):
        return "".join(vm.output() for vm in self.vms)

    def wait_ticks(self, vm, n):
        """Waits until VM itself has printed N more tick lines than at the call."""
        guest = self.guest

        def enough():
            if vm.proc.poll() is not None:
                raise RuntimeError("%s exited with status %d: %s" % (
                    vm.name, vm.proc.returncode, vm.stderr()))
            return len(guest.ticks(vm.output())) >= n
        wait_for("%s: %d ticks from %s" % (self.label, n, vm.name), enough)

    def migrate(self, src, port=None):
        """Migrates SRC to a new -incoming process (on PORT); returns it."""
        port = port or free_port()
        dst = self.start(incoming_port=port)
        r = src.qmp.cmd("migrate", {"uri": "tcp:127.0.0.1:%d" % port})
        if "error" in r:
            raise RuntimeError("%s: migrate: %r" % (src.name, r))
        info = wait_for("%s: migration %s -> %s" % (self.label, src.name, dst.name),
                        lambda: (lambda i: i if i.get("status") in ("completed", "failed")
                                 else None)(src.migrate_status()))
        if info.get("status") != "completed":
            raise RuntimeError("%s: migration %s -> %s failed: %r / %s" % (
                self.label, src.name, dst.name, info, dst.stderr()))
        wait_for("%s: %s done loading" % (self.label, dst.name),
                 lambda: dst.status() != "inmigrate")
        return dst

    def cleanup(self, passed):
        for vm in self.vms:
            vm.quit()
        if passed:
            shutil.rmtree(self.tmp, ignore_errors=True)
        else:
            print("# %s: outputs kept in %s" % (self.label, self.tmp), flush=True)


def sequence_ok(run, what):
    problem = run.guest.problems(run.text())
    return check("%s: %s" % (run.label, what), problem == "", problem)


def stderr_clean(run):
    noise = [(vm.name, vm.stderr()) for vm in run.vms if vm.stderr().strip()]
    return check("%s: no process wrote to stdout or stderr" % run.label, not noise,
                 repr(noise)[:400])


def test_chain(guest, smp, hops=20):
    """A -> B -> C ...: each destination must print a tick before the next hop."""
    run = Run(guest, smp, "chain smp %d" % smp)
    ok = False
    try:
        vm = run.start()
        run.wait_ticks(vm, 2)
        statuses = []
        for _ in range(hops):
            src = vm
            vm = run.migrate(src)
            statuses.append((src.status(), vm.status()))
            src.quit()
            run.wait_ticks(vm, 1)
        check(run.label + ": %d migrations, sources postmigrate, destinations running" % hops,
              all(s == ("postmigrate", "running") for s in statuses), repr(statuses))
        ok = sequence_ok(run, "ticks consecutive across %d processes (%d ticks)"
                         % (len(run.vms), len(guest.ticks(run.text()))))
        ok = stderr_clean(run) and ok
    except Exception as e:  # report, then fail
        check(run.label + ": no exception", False, repr(e))
        ok = False
    finally:
        run.cleanup(ok)


def test_ping_pong(guest, smp, hops=5):
    """Two sides with fixed ports; the side the guest left gets a fresh process."""
    run = Run(guest, smp, "ping-pong smp %d" % smp)
    ok = False
    try:
        ports = [free_port(), free_port()]
        vm = run.start()
        run.wait_ticks(vm, 2)
        side = 0
        for _ in range(hops):
            side ^= 1
            src = vm
            vm = run.migrate(src, port=ports[side])
            src.quit()      # frees its side for the next hop back
            run.wait_ticks(vm, 2)
        check(run.label + ": %d hops between ports %d and %d" % (hops, ports[0], ports[1]),
              vm.status() == "running", vm.status())
        ok = sequence_ok(run, "ticks consecutive across the hops")
        ok = stderr_clean(run) and ok
    except Exception as e:
        check(run.label + ": no exception", False, repr(e))
        ok = False
    finally:
        run.cleanup(ok)


def test_startup(guest, smp, attempts=3):
    """Migrated while initialising: it finishes on the destination and ticks.

    Whether the switch-over falls before the guest's initialisation ends
    depends on the host's load: an attempt that came too late is repeated.
    """
    ok = False
    for attempt in range(1, attempts + 1):
        run = Run(guest, smp, "start-up smp %d" % smp)
        late = False
        try:
            src = run.start()
            wait_for("boot marker", lambda: guest.boot_marker in src.output())
            dst = run.migrate(src)
            src_text = src.output()
            src.quit()
            late = guest.ready_marker in src_text or bool(guest.ticks(src_text))
            if late and attempt < attempts:
                print("# %s: attempt %d: the source finished initialising first"
                      % (run.label, attempt), flush=True)
                continue
            check(run.label + ": migrated before the guest finished initialising "
                  "(attempt %d)" % attempt, not late, repr(src_text))
            run.wait_ticks(dst, 3)
            ok = check(run.label + ": initialised and ticking on the destination",
                       guest.ready_marker in dst.output(), repr(dst.output()[:200]))
            ok = sequence_ok(run, "one boot, ticks consecutive") and ok
            ok = stderr_clean(run) and ok
            return
        except Exception as e:
            check(run.label + ": no exception", False, repr(e))
            ok = False
            return
        finally:
            run.cleanup(ok or late)


def test_never_started(guest, smp):
    """-S: migrated before its first instruction; `cont` on the destination runs it."""
    run = Run(guest, smp, "never started smp %d" % smp)
    ok = False
    try:
        src = run.start(paused=True)
        dst = run.migrate(src)
        st = dst.status()
        check(run.label + ": destination paused like its source", st == "paused", st)
        check(run.label + ": nothing printed before cont", run.text() == "", repr(run.text()))
        src.quit()
        r = dst.qmp.cmd("cont")
        check(run.label + ": cont", r == {"return": {}}, repr(r))
        run.wait_ticks(dst, 2)
        ok = sequence_ok(run, "boots and ticks on the destination")
        ok = stderr_clean(run) and ok
    except Exception as e:
        check(run.label + ": no exception", False, repr(e))
        ok = False
    finally:
        run.cleanup(ok)


def run_all(guest):
    t0 = time.time()
    for smp in (1, 4):
        test_chain(guest, smp)
        test_ping_pong(guest, smp)
        test_startup(guest, smp)
        test_never_started(guest, smp)
    print("# %s: %.1f s" % (guest.name, time.time() - t0), flush=True)


def main():
    if not os.path.exists(TICKS_ELF):
        print("1..0 # SKIP no guest %s" % TICKS_ELF, flush=True)
        return 0
    run_all(Guest())
    print("1..%d" % len(results), flush=True)
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
