#!/usr/bin/env python3
"""QMP with nothing but Python's standard library.

Starts FERRY_BINARY (default build/ferry-system-arm) with a QMP server on a
unix socket, then checks the greeting, query-status, STOP/RESUME events with
timestamps and quit (exit status 0). Prints TAP ("ok N - name").
"""
import os
import subprocess
import sys
import tempfile
import time

from qmpclient import TIMEOUT, Qmp, check, results

BINARY = os.environ.get("FERRY_BINARY", "build/ferry-system-arm")


def valid_timestamp(ev):
    ts = ev.get("timestamp", {})
    now = time.time()
    return (isinstance(ts.get("seconds"), int) and isinstance(ts.get("microseconds"), int)
            and 0 <= ts["microseconds"] < 1000000 and now - 60 <= ts["seconds"] <= now + 1)


def main():
    print("1..9", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "qmp.sock")
        proc = subprocess.Popen([BINARY, "-M", "none", "-display", "none",
                                 "-qmp", "unix:%s,server=on,wait=off" % path],
                                stdin=subprocess.DEVNULL)
        try:
            deadline = time.time() + TIMEOUT
            while not os.path.exists(path) and time.time() < deadline:
                time.sleep(0.05)
            qmp = Qmp(path)
            greeting = qmp.recv()
            check("greeting", greeting == {"QMP": {
                "version": {"qemu": {"micro": 0, "minor": 1, "major": 0},
                            "package": "Ferry 0.1.0"},
                "capabilities": ["oob"]}}, repr(greeting))
            r = qmp.cmd("query-status")
            check("commands refused before negotiation",
                  r.get("error", {}).get("class") == "CommandNotFound", repr(r))
            r = qmp.cmd("qmp_capabilities", cid="neg")
            check("qmp_capabilities with id", r == {"return": {}, "id": "neg"}, repr(r))
            r = qmp.cmd("query-status")
            check("query-status running",
                  r == {"return": {"running": True, "status": "running"}}, repr(r))
            qmp.cmd("stop")
            ev = qmp.event("STOP")
            check("STOP event with timestamp", valid_timestamp(ev) and "data" not in ev,
                  repr(ev))
            r = qmp.cmd("query-status")
            check("query-status paused",
                  r == {"return": {"running": False, "status": "paused"}}, repr(r))
            qmp.cmd("cont")
            ev = qmp.event("RESUME")
            check("RESUME event with timestamp", valid_timestamp(ev), repr(ev))
            r = qmp.cmd("quit")
            ev = qmp.event("SHUTDOWN")
            check("quit: SHUTDOWN event",
                  r == {"return": {}} and ev.get("data") == {"guest": False,
                                                             "reason": "host-qmp-quit"},
                  repr((r, ev)))
            status = proc.wait(timeout=TIMEOUT)
            check("exit status 0", status == 0, "status %d" % status)
        except Exception as e:  # report, then fail below
            check("no exception", False, repr(e))
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
