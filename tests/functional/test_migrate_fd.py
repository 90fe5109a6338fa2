#!/usr/bin/env python3
"""Migration over passed descriptors (fd:), and getfd/closefd.

One end of a socketpair goes to the destination as an inherited descriptor
(-incoming fd:N), the other to the source's QMP monitor with SCM_RIGHTS
and `getfd`; `migrate fd:NAME` then completes with the return path (the
pair is a stream socket). The error paths of getfd, closefd and fd: are
checked by their messages. Prints TAP.
"""
import array
import os
import socket
import subprocess
import sys
import tempfile
import time

from qmpclient import TIMEOUT, Qmp, check, results

BINARY = os.environ.get("FERRY_BINARY", "build/ferry-system-arm")


def start(tmp, name, extra, pass_fds=()):
    path = os.path.join(tmp, name + ".sock")
    proc = subprocess.Popen([BINARY, "-M", "none", "-m", "8M", "-display", "none",
                             "-qmp", "unix:%s,server=on,wait=off" % path] + extra,
                            stdin=subprocess.DEVNULL, pass_fds=pass_fds)
    deadline = time.time() + TIMEOUT
    while not os.path.exists(path) and time.time() < deadline:
        time.sleep(0.05)
    qmp = Qmp(path)
    qmp.recv()
    qmp.cmd("qmp_capabilities")
    return proc, qmp


def cmd_with_fd(qmp, fd, name, args):
    """Sends one QMP command with FD attached (SCM_RIGHTS), returns the reply."""
    msg = ('{"execute": "%s", "arguments": %s}\n' % (name, args)).encode()
    qmp.sock.sendmsg([msg], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [fd]))])
    while True:
        reply = qmp.recv()
        if "event" not in reply:
            return reply


def error_desc(reply):
    return reply.get("error", {}).get("desc", "")


def wait_status(qmp, want):
    deadline = time.time() + TIMEOUT
    info = {}
    while time.time() < deadline:
        info = qmp.cmd("query-migrate").get("return", {})
        if info.get("status") in want:
            break
        time.sleep(0.05)
    return info


def main():
    print("1..8", flush=True)
    tmp = tempfile.mkdtemp()
    a, b = socket.socketpair()
    dst, dq = start(tmp, "dst", ["-incoming", "fd:%d" % b.fileno()], pass_fds=[b.fileno()])
    b.close()
    src, sq = start(tmp, "src", [])
    try:
        r = sq.cmd("getfd", {"fdname": "mig"})
        check("getfd without a descriptor",
              error_desc(r) == "No file descriptor supplied via SCM_RIGHTS", repr(r))
        r = cmd_with_fd(sq, a.fileno(), "getfd", '{"fdname": "1mig"}')
        check("getfd: name starting with a digit", error_desc(r) ==
              "Parameter 'fdname' expects a name not starting with a digit", repr(r))
        r = sq.cmd("closefd", {"fdname": "nope"})
        check("closefd of an unknown name",
              error_desc(r) == "File descriptor named 'nope' not found", repr(r))
        r = sq.cmd("migrate", {"uri": "fd:nope"})
        check("migrate fd: with an unknown name",
              error_desc(r) == "File descriptor named 'nope' has not been found", repr(r))

        r = cmd_with_fd(sq, a.fileno(), "getfd", '{"fdname": "mig"}')
        a.close()
        check("getfd with a descriptor", r == {"return": {}}, repr(r))
        r = sq.cmd("migrate", {"uri": "fd:mig"})
        info = wait_status(sq, ("completed", "failed"))
        check("migrate fd:mig completes", info.get("status") == "completed", repr(info))
        dinfo = wait_status(dq, ("completed", "failed"))
        st = dq.cmd("query-status")["return"]
        check("destination running after fd: migration",
              dinfo.get("status") == "completed" and st["status"] == "running",
              repr((dinfo, st)))
        r = sq.cmd("migrate", {"uri": "fd:mig"})
        check("the name is used up by migrate",
              error_desc(r) == "File descriptor named 'mig' has not been found", repr(r))
        sq.cmd("quit")
        dq.cmd("quit")
        src.wait(timeout=TIMEOUT)
        dst.wait(timeout=TIMEOUT)
    except Exception as e:  # report, then fail below
        check("no exception", False, repr(e))
    finally:
        for p in (src, dst):
            if p.poll() is None:
                p.kill()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
