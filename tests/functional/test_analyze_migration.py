#!/usr/bin/env python3
"""scripts/analyze-migration on streams Ferry wrote, and on broken ones.

FERRY_RECORDER is test-migration-compat, whose "--record MACHINE FILE" builds
the machine with this build and writes a stream with known register values
(sp804 LOAD 0x12345678). Also runs the golden streams of
tests/migration-compat/, a synthetic stream with a "ram" section, and checks
that scripts/update-migration-golden.sh refuses to rewrite a released
version. Prints TAP.
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANALYZE = os.path.join(SRC, "scripts", "analyze-migration")
GOLDEN = os.path.join(SRC, "tests", "migration-compat")
RECORDER = os.environ.get("FERRY_RECORDER", "build/tests/unit/test-migration-compat")

results = []


def check(name, cond, detail=""):
    results.append(cond)
    line = "%s %d - %s" % ("ok" if cond else "not ok", len(results), name)
    print(line + ("" if cond or not detail else " # " + detail.replace("\n", " ")),
          flush=True)
    return cond


def analyze(path, *opts):
    p = subprocess.run([sys.executable, ANALYZE] + list(opts) + [path],
                       capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def split_trailer(data):
    """(stream up to EOF inclusive, vmdesc object), as the spec locates it."""
    nul = data.rfind(b"\x00")
    brace = data.find(b"{", nul)
    assert data[brace - 5] == 0x06
    return data[:brace - 5], json.loads(data[brace:].decode())


def with_trailer(body, desc):
    """BODY followed by a vmdesc trailer for DESC, padded as the spec asks."""
    text = json.dumps(desc, separators=(", ", ": ")).encode()
    while True:
        length = struct.pack(">I", len(text))
        tail = length[length.rfind(b"\x00") + 1:] if b"\x00" in length else length
        if b"{" not in tail:
            return body + b"\x06" + length + text
        text += b" "


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def section_header(kind, sid, idstr, inst, ver):
    return struct.pack(">BIB", kind, sid, len(idstr)) + idstr.encode() + \
        struct.pack(">II", inst, ver)


def ram_stream():
    """header, configuration, ram START/PART/END, EOF and an empty vmdesc."""
    machine = b"vexpress-a9-0.1"
    out = struct.pack(">II", 0x5145564D, 3)
    out += b"\x07" + struct.pack(">I", len(machine)) + machine
    out += section_header(0x01, 0, "ram", 0, 4)
    out += struct.pack(">Q", 8192 | 0x04) + b"\x03ram" + struct.pack(">Q", 8192)
    out += struct.pack(">Q", 0x10) + b"\x7e" + struct.pack(">I", 0)
    out += b"\x02" + struct.pack(">I", 0)
    out += struct.pack(">Q", 0 | 0x08) + b"\x03ram" + bytes(range(256)) * 16
    out += struct.pack(">Q", 4096 | 0x02 | 0x20) + b"\x00"
    out += struct.pack(">Q", 0x10) + b"\x7e" + struct.pack(">I", 0)
    out += b"\x08" + struct.pack(">HH", 11, 0)
    out += b"\x03" + struct.pack(">I", 0) + struct.pack(">Q", 0x10)
    out += b"\x7e" + struct.pack(">I", 0) + b"\x00"
    return with_trailer(out, {"page_size": 4096, "devices": []})


def main():
    with tempfile.TemporaryDirectory(prefix="ferry-analyze-") as tmp:
        fresh = os.path.join(tmp, "fresh.bin")
        p = subprocess.run([RECORDER, "--record", "vexpress-a9", fresh],
                           capture_output=True, text=True, timeout=60)
        check("this build writes a stream", p.returncode == 0 and os.path.exists(fresh),
              p.stderr)
        rc, out, err = analyze(fresh)
        check("fresh stream parses and maps to the vmdesc", rc == 0, err)
        # The count is the stream's own: one per FULL section listed.
        ndev = sum(1 for line in out.splitlines() if " FULL " in line)
        check("summary names the machine and counts devices",
              "CONFIGURATION machine vexpress-a9-0.1" in out and ndev >= 14 and
              out.strip().endswith("%d devices, all mapped to the vmdesc" % ndev),
              out[-300:])

        rc, out, err = analyze(fresh, "--dump", "state")
        state = json.loads(out) if rc == 0 else []
        sp804 = [s for s in state if s.get("idstr") == "sp804"]
        check("state dump has the recorded sp804 LOAD",
              len(sp804) == 2 and sp804[0]["state"]["timer"][0]["load"] == 0x12345678 and
              sp804[0]["state"]["timer"][1]["load"] == 0x0BADCAFE, err)
        check("state dump has four pl011 sections",
              len([s for s in state if s.get("idstr") == "pl011"]) == 4)

        with open(fresh, "rb") as f:
            data = f.read()
        body, desc = split_trailer(data)
        rc, out, err = analyze(fresh, "--dump", "desc")
        check("desc dump is the trailer", rc == 0 and json.loads(out) == desc, err)

        for machine in sorted(os.listdir(GOLDEN)):
            rc, out, err = analyze(os.path.join(GOLDEN, machine, "stream.bin"), "--quiet")
            check("golden stream %s parses" % machine, rc == 0, err)

        # A field size that disagrees with the bytes.
        bad = json.loads(json.dumps(desc))
        dev = next(d for d in bad["devices"] if d["name"] == "sp810")
        dev["fields"][0]["size"] = 5
        rc, out, err = analyze(write(tmp, "size.bin", with_trailer(body, bad)))
        check("size mismatch is reported",
              rc == 1 and "section 'sp810' instance 65537: no section footer" in err, err)

        bad = json.loads(json.dumps(desc))
        del bad["devices"][3]
        rc, out, err = analyze(write(tmp, "missing.bin", with_trailer(body, bad)))
        check("a section without vmdesc entry is reported",
              rc == 1 and "section 'pl050_keyboard' instance 65542 version 1: the vmdesc "
              "entry is 'pl050_mouse'" in err, err)

        bad = json.loads(json.dumps(desc))
        bad["devices"].append({"name": "ghost", "instance_id": 7, "version": 1,
                               "fields": []})
        rc, out, err = analyze(write(tmp, "extra.bin", with_trailer(body, bad)))
        check("a vmdesc entry without section is reported",
              rc == 1 and "vmdesc entry 'ghost' instance 7 has no section" in err, err)

        rc, out, err = analyze(write(tmp, "magic.bin", b"XXXX" + data[4:]))
        check("bad magic is reported", rc == 1 and "bad magic" in err, err)

        rc, out, err = analyze(write(tmp, "trunc.bin", body[:600]))
        check("a stream without trailer is reported", rc == 1 and "stream ends inside" in err
              or "no vmdesc" in err, err)

        rc, out, err = analyze(write(tmp, "ram.bin", ram_stream()))
        check("ram records are parsed",
              rc == 0 and "START #0 ram" in out and "pages 1 zero 1" in out, err + out)

        # The golden-file script, on a copy of the tree's layout (never on
        # the source tree itself): a released version is refused, one still
        # marked UNRELEASED is re-recorded and keeps its marker.
        machine = sorted(os.listdir(GOLDEN))[0]
        fake = os.path.join(tmp, "tree")
        os.makedirs(os.path.join(fake, "scripts"))
        shutil.copy(os.path.join(SRC, "scripts", "update-migration-golden.sh"),
                    os.path.join(fake, "scripts"))
        golden = os.path.join(fake, "tests", "migration-compat", machine)
        shutil.copytree(os.path.join(GOLDEN, machine), golden)
        marker = os.path.join(golden, "UNRELEASED")
        if os.path.exists(marker):
            os.unlink(marker)
        script = [os.path.join(fake, "scripts", "update-migration-golden.sh"),
                  os.path.dirname(os.path.dirname(os.path.dirname(RECORDER))), machine]
        p = subprocess.run(script, capture_output=True, text=True, timeout=60)
        check("released golden files are never rewritten",
              p.returncode == 1 and "golden files for '%s' exist already" % machine in p.stderr,
              p.stderr)
        with open(marker, "w") as f:
            f.write("in development\n")
        os.unlink(os.path.join(golden, "stream.bin"))
        p = subprocess.run(script, capture_output=True, text=True, timeout=60)
        check("unreleased golden files are re-recorded, marker kept",
              p.returncode == 0 and os.path.exists(os.path.join(golden, "stream.bin")) and
              os.path.exists(marker), p.stderr)
    print("1..%d" % len(results), flush=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
