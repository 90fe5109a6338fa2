"""A QMP client and TAP reporting for the functional tests (standard library only)."""
import json
import socket

TIMEOUT = 30

results = []  # one bool per check, in order


def check(name, cond, detail=""):
    results.append(cond)
    line = "%s %d - %s" % ("ok" if cond else "not ok", len(results), name)
    print(line + ("" if cond or not detail else " # " + detail), flush=True)
    return cond


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(TIMEOUT)
        self.sock.connect(path)
        self.file = self.sock.makefile("rw", encoding="utf-8", newline="\n")
        self.events = []

    def recv(self):
        line = self.file.readline()
        if not line:
            raise EOFError("QMP connection closed")
        return json.loads(line)

    def cmd(self, name, args=None, cid=None):
        msg = {"execute": name}
        if args is not None:
            msg["arguments"] = args
        if cid is not None:
            msg["id"] = cid
        self.file.write(json.dumps(msg) + "\n")
        self.file.flush()
        while True:
            reply = self.recv()
            if "event" in reply:
                self.events.append(reply)
            else:
                return reply

    def event(self, name):
        while True:
            for i, ev in enumerate(self.events):
                if ev["event"] == name:
                    return self.events.pop(i)
            self.events.append(self.recv())
