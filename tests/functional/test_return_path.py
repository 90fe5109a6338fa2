#!/usr/bin/env python3
"""The migration return path, against a destination played by this test.

The source (FERRY_BINARY, -M none with a little RAM) migrates over tcp to a
socket this script serves. The fake destination reads the whole stream,
checks that OPEN_RETURN_PATH and PING(1) follow the header, and answers as
QEMU's destination does -- PONG, then SHUT with a status -- or misbehaves:
  - SHUT 0: the source completes and is in postmigrate;
  - SHUT 1: the migration fails with the destination's verdict and the
    source's guest is still running;
  - no answer (connection closed): fails, source still running;
  - return-path off: no OPEN_RETURN_PATH in the stream, no answer needed.
Prints TAP.
"""
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

from qmpclient import TIMEOUT, Qmp, check, results

BINARY = os.environ.get("FERRY_BINARY", "build/ferry-system-arm")
OPEN_RP = bytes([0x08, 0x00, 0x01, 0x00, 0x00])
PING_1 = bytes([0x08, 0x00, 0x02, 0x00, 0x04, 0, 0, 0, 1])


class FakeDestination(threading.Thread):
    """Accepts one connection, reads to EOF, then replies with REPLY bytes."""

    def __init__(self, reply):
        super().__init__(daemon=True)
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        self.listener.settimeout(TIMEOUT)
        self.port = self.listener.getsockname()[1]
        self.reply = reply
        self.stream = b""

    def run(self):
        conn, _ = self.listener.accept()
        conn.settimeout(TIMEOUT)
        while True:
            chunk = conn.recv(1 << 16)
            if not chunk:
                break
            self.stream += chunk
        if self.reply:
            conn.sendall(self.reply)
        conn.close()
        self.listener.close()


def rp_msg(msg_type, value):
    return struct.pack(">HHI", msg_type, 4, value)


def migrate(qmp, reply, return_path=True):
    dest = FakeDestination(reply)
    dest.start()
    qmp.cmd("migrate-set-capabilities",
            {"capabilities": [{"capability": "return-path", "state": return_path}]})
    r = qmp.cmd("migrate", {"uri": "tcp:127.0.0.1:%d" % dest.port})
    deadline = time.time() + TIMEOUT
    info = {}
    while time.time() < deadline:
        info = qmp.cmd("query-migrate").get("return", {})
        if info.get("status") in ("completed", "failed"):
            break
        time.sleep(0.05)
    dest.join(TIMEOUT)
    return r, info, dest.stream


def start():
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "qmp.sock")
    proc = subprocess.Popen([BINARY, "-M", "none", "-m", "8M", "-display", "none",
                             "-qmp", "unix:%s,server=on,wait=off" % path],
                            stdin=subprocess.DEVNULL)
    deadline = time.time() + TIMEOUT
    while not os.path.exists(path) and time.time() < deadline:
        time.sleep(0.05)
    qmp = Qmp(path)
    qmp.recv()
    qmp.cmd("qmp_capabilities")
    return proc, qmp


def stop(proc, qmp):
    qmp.cmd("quit")
    proc.wait(timeout=TIMEOUT)


def main():
    print("1..9", flush=True)
    proc, qmp = start()
    try:
        caps = qmp.cmd("query-migrate-capabilities")["return"]
        check("return-path is on by default",
              {"capability": "return-path", "state": True} in caps, repr(caps))

        r, info, stream = migrate(qmp, rp_msg(2, 1) + rp_msg(1, 1))
        check("OPEN_RETURN_PATH and PING(1) after the configuration",
              stream.find(OPEN_RP + PING_1) > 0, repr(stream[:80]))
        check("SHUT 1: migration failed with the destination's verdict",
              info.get("status") == "failed" and
              "destination failed to load" in info.get("error-desc", ""), repr(info))
        st = qmp.cmd("query-status")["return"]
        check("SHUT 1: source still running", st == {"running": True, "status": "running"},
              repr(st))

        r, info, stream = migrate(qmp, b"")
        check("no answer: failed, closed without confirming",
              info.get("status") == "failed" and
              "without confirming" in info.get("error-desc", ""), repr(info))
        st = qmp.cmd("query-status")["return"]
        check("no answer: source still running", st["running"], repr(st))

        r, info, stream = migrate(qmp, b"", return_path=False)
        check("return-path off: no OPEN_RETURN_PATH, completed",
              stream.find(OPEN_RP) < 0 and info.get("status") == "completed", repr(info))
        stop(proc, qmp)

        proc, qmp = start()
        r, info, stream = migrate(qmp, rp_msg(2, 1) + rp_msg(1, 0))
        check("SHUT 0: completed", info.get("status") == "completed", repr(info))
        st = qmp.cmd("query-status")["return"]
        check("SHUT 0: source in postmigrate", st["status"] == "postmigrate", repr(st))
        stop(proc, qmp)
    except Exception as e:  # report, then fail below
        check("no exception", False, repr(e))
    finally:
        if proc.poll() is None:
            proc.kill()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
