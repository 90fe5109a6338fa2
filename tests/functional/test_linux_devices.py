#!/usr/bin/env python3
"""Debian Linux drives the vexpress-a9 devices (suite "slow").

SD card (PL181 + SD card model, -drive if=sd): the host builds a raw ext2
image with mke2fs -d; the guest mounts /dev/mmcblk0 and reads the file back
byte for byte, writes a file of its own, syncs, unmounts and powers off; the
host reads that file out of the image with debugfs, so guest writes reach
the image file.

Network (LAN9118 on the first -nic, user-mode networking through libslirp):
the host serves a file of random bytes over HTTP on 127.0.0.1; the guest
configures eth0 statically, fetches it with wget through the slirp gateway
10.0.2.2 and its md5sum must match the host's.

The modules (armmmci, ext4, smsc911x and what they need) come from the
modules.cpio.gz archive of scripts/fetch-guests.sh. Needs e2fsprogs. Prints TAP.
"""
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

from linuxguest import LinuxGuest
from qmpclient import check, results

E2FS_PATH = os.environ.get("PATH", "") + ":/sbin:/usr/sbin"


def e2fs_tool(name):
    return shutil.which(name, path=E2FS_PATH)


def sd_case(tmp):
    mke2fs, debugfs = e2fs_tool("mke2fs"), e2fs_tool("debugfs")
    if not mke2fs or not debugfs:
        check("SD: e2fsprogs (mke2fs, debugfs) installed", False, "install e2fsprogs")
        return
    content = "ferry sd %s\n" % os.urandom(8).hex()
    tree = os.path.join(tmp, "tree")
    os.mkdir(tree)
    with open(os.path.join(tree, "hello.txt"), "w") as f:
        f.write(content)
    img = os.path.join(tmp, "sd.img")
    subprocess.run([mke2fs, "-q", "-F", "-t", "ext2", "-d", tree, img, "8M"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    written = "guest wrote %s" % os.urandom(8).hex()

    g = LinuxGuest("vexpress-a9", modules=True,
                   extra=["-drive", "if=sd,file=%s,format=raw" % img])
    try:
        g.boot_to_shell()
        out = g.load_modules()
        check("SD: modules load", "FAILED" not in out, out[-500:])
        # The card is probed asynchronously after armmmci binds: poll for the block device.
        out = g.shell("for i in $(seq 60); do [ -b /dev/mmcblk0 ] && break; sleep 1; done; "
                      "ls /dev/mmcblk0", 120)
        check("SD: the kernel finds /dev/mmcblk0", out == "/dev/mmcblk0", out)
        out = g.shell("mount -t ext2 /dev/mmcblk0 /mnt && echo MOUNTED", 120)
        check("SD: mount -t ext2 /dev/mmcblk0 /mnt", out.endswith("MOUNTED"), out)
        out = g.shell("cat /mnt/hello.txt", 60)
        check("SD: the guest reads the host's file", out == content.strip(), repr(out))
        out = g.shell("echo '%s' > /mnt/guest.txt && sync && umount /mnt && echo UNMOUNTED"
                      % written, 120)
        check("SD: the guest writes a file, syncs and unmounts", out.endswith("UNMOUNTED"), out)
        g.type("poweroff -f\n")
        status = g.exit_status(120)
        check("SD: poweroff -f exits with status 0", status == 0,
              "status %s; %s" % (status, g.stderr()))
    except Exception as e:          # noqa: BLE001 - reported as a failed check
        check("SD: guest session", False, str(e))
    finally:
        g.close()

    r = subprocess.run([debugfs, "-R", "cat /guest.txt", img], capture_output=True, text=True)
    check("SD: the guest's file is in the image (debugfs)", r.stdout.strip() == written,
          "stdout %r stderr %r" % (r.stdout, r.stderr[-300:]))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def net_case(tmp):
    root = os.path.join(tmp, "www")
    os.mkdir(root)
    data = os.urandom(256 * 1024 + 123)     # several hundred frames, odd tail
    with open(os.path.join(root, "file"), "wb") as f:
        f.write(data)
    want = hashlib.md5(data).hexdigest()

    def handler(*args, **kwargs):
        return QuietHandler(*args, directory=root, **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    g = LinuxGuest("vexpress-a9", modules=True, extra=["-nic", "user"])
    try:
        g.boot_to_shell()
        out = g.load_modules()
        check("net: modules load", "FAILED" not in out, out[-500:])
        out = g.shell("for i in $(seq 60); do [ -e /sys/class/net/eth0 ] && break; sleep 1; "
                      "done; ifconfig eth0 10.0.2.15 netmask 255.255.255.0 up && "
                      "route add default gw 10.0.2.2 && echo CONFIGURED", 120)
        check("net: eth0 configured (10.0.2.15/24, gateway 10.0.2.2)",
              out.endswith("CONFIGURED"), out)
        # (Debian's static busybox wget crashes with -T: the shell's timeout bounds a stall.)
        out = g.shell("wget -q -O /tmp/f http://10.0.2.2:%d/file && md5sum /tmp/f" % port, 240)
        m = re.search(r"([0-9a-f]{32})  /tmp/f", out)
        got = m.group(1) if m else ""
        check("net: wget through slirp, md5sum matches the host's (%s)" % want, got == want, out)
        g.type("poweroff -f\n")
        status = g.exit_status(120)
        check("net: poweroff -f exits with status 0", status == 0,
              "status %s; %s" % (status, g.stderr()))
    except Exception as e:          # noqa: BLE001
        check("net: guest session", False, str(e))
    finally:
        g.close()
        server.shutdown()
        server.server_close()


def main():
    tmp = tempfile.mkdtemp(prefix="ferry-linuxdev-")
    try:
        sd_case(tmp)
        net_case(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
