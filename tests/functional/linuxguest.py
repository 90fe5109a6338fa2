"""Debian Linux guests for the functional tests (standard library only).

A LinuxGuest is one ferry-system-arm process booting Debian's armmp kernel
with the busybox initramfs of scripts/fetch-guests.sh. Its serial port is a
unix socket the test reads and types into; QMP is a second socket. The
initramfs prints FERRY_INIT_OK and starts a shell on the console.
"""
import os
import re
import socket
import subprocess
import tempfile
import time

from qmpclient import Qmp

BINARY = os.environ.get("FERRY_BINARY", "build/ferry-system-arm")
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INIT_MARKER = "FERRY_INIT_OK"
PROMPT = "/ # "
BOOT_TIMEOUT = float(os.environ.get("FERRY_BOOT_TIMEOUT", "300"))

BOARDS = {
    "vexpress-a9": "vexpress-v2p-ca9.dtb",
    "vexpress-a15": "vexpress-v2p-ca15-tc1.dtb",
}


def guest_dir(need="initrd.gz"):
    """The armhf guest files, fetched (once) into the cache; NEED is the file the caller uses
    (modules.cpio.gz came later than the rest, so an older cache lacks only it)."""
    cache = os.environ.get("FERRY_GUESTS", os.path.join(os.path.dirname(BINARY), "guests"))
    out = os.path.join(cache, "armhf")
    if not os.path.exists(os.path.join(out, need)):
        subprocess.run(["sh", os.path.join(SOURCE, "scripts", "fetch-guests.sh"), cache, "arm"],
                       check=True, stdout=subprocess.DEVNULL)
    return out


class LinuxGuest:
    def __init__(self, board="vexpress-a9", smp=1, extra=(), append="", incoming=None,
                 boot=True, modules=False):
        self.dir = tempfile.mkdtemp(prefix="ferry-linux-")
        self.serial_path = os.path.join(self.dir, "serial.sock")
        self.qmp_path = os.path.join(self.dir, "qmp.sock")
        g = guest_dir("modules.cpio.gz" if modules else "initrd.gz")
        initrd = os.path.join(g, "initrd.gz")
        self.initrd_copy = None
        if modules:
            # The kernel unpacks concatenated archives one after the other: the busybox
            # initramfs plus /lib/modules (see /lib/modules/load) for load_modules().
            initrd = self.initrd_copy = os.path.join(self.dir, "initrd-modules.gz")
            with open(initrd, "wb") as f:
                for part in ("initrd.gz", "modules.cpio.gz"):
                    with open(os.path.join(g, part), "rb") as p:
                        f.write(p.read())
        args = [BINARY, "-M", board, "-smp", str(smp), "-m", "1G", "-display", "none",
                "-chardev", "socket,id=con,path=%s,server=on,wait=off" % self.serial_path,
                "-serial", "chardev:con",
                "-qmp", "unix:%s,server=on,wait=off" % self.qmp_path]
        if boot:
            args += ["-kernel", os.path.join(g, "vmlinuz"),
                     "-dtb", os.path.join(g, BOARDS[board]),
                     "-initrd", initrd,
                     "-append", ("console=ttyAMA0 panic=-1 " + append).strip()]
        if incoming:
            args += ["-incoming", incoming]
        args += list(extra)
        self.args = args
        self.log = open(os.path.join(self.dir, "stderr"), "w+")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.out = ""           # everything the serial port printed
        self.pos = 0            # how far wait_for has consumed self.out
        self.serial = self._connect(self.serial_path)
        self.serial.setblocking(False)
        # The serial socket exists before the QMP one and before -incoming
        # listens: wait for QMP, whose answer comes once start-up is over.
        self.qmp = self._connect_qmp()
        self.qmp.recv()
        self.qmp.cmd("qmp_capabilities")

    def _connect(self, path):
        deadline = time.monotonic() + 30
        while True:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                return s
            except OSError:
                s.close()
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("ferry did not start: " + self.stderr())
                time.sleep(0.05)

    def _connect_qmp(self):
        deadline = time.monotonic() + 30
        while True:
            try:
                return Qmp(self.qmp_path)
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("no QMP socket: " + self.stderr())
                time.sleep(0.05)

    def stderr(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-2000:]

    def _pump(self, wait):
        try:
            import select
            r, _, _ = select.select([self.serial], [], [], wait)
            if r:
                data = self.serial.recv(65536)
                if data:
                    self.out += data.decode("utf-8", "replace")
                    return True
        except (BlockingIOError, ConnectionResetError):
            pass
        return False

    def wait_for(self, pattern, timeout=BOOT_TIMEOUT):
        """Waits for regex PATTERN in output not yet consumed; returns the match."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.out, self.pos)
            if m:
                self.pos = m.end()
                return m
            if self.proc.poll() is not None:
                self._pump(0.1)
                m = rx.search(self.out, self.pos)
                if m:
                    self.pos = m.end()
                    return m
                raise RuntimeError("ferry exited (%s) waiting for %r; serial tail %r; %s"
                                   % (self.proc.returncode, pattern, self.out[-500:],
                                      self.stderr()))
            if time.monotonic() > deadline:
                raise TimeoutError("no %r in %ds; serial tail %r"
                                   % (pattern, timeout, self.out[-800:]))
            self._pump(0.2)

    def type(self, text):
        self.serial.setblocking(True)
        self.serial.sendall(text.encode())
        self.serial.setblocking(False)

    def shell(self, command, timeout=60):
        """Runs COMMAND at the busybox prompt; returns what it printed."""
        tag = "__done_%d__" % int(time.monotonic() * 1000)
        self.type(command + "; echo " + tag[:2] + "''" + tag[2:] + "\n")
        m = self.wait_for(re.escape(tag), timeout)
        echo = self.out.rfind(tag[:2] + "''", 0, m.start())
        nl = self.out.find("\n", echo) if echo >= 0 else -1
        body = self.out[nl + 1:m.start()] if nl >= 0 else ""
        return body.replace("\r", "").strip("\n")

    def boot_to_shell(self, timeout=BOOT_TIMEOUT):
        self.wait_for(INIT_MARKER, timeout)
        self.type("\n")
        self.wait_for(re.escape(PROMPT), 60)

    def load_modules(self, timeout=120):
        """insmods the device modules (LinuxGuest(modules=True)); returns what insmod said."""
        return self.shell("for m in $(cat /lib/modules/load); do insmod $m || echo FAILED $m; done",
                          timeout)

    def exit_status(self, timeout=60):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.serial.close()
        self.log.close()
        if self.initrd_copy:
            os.unlink(self.initrd_copy)     # a few MB per guest otherwise left in /tmp
