#!/bin/bash
# Live-migration benchmark (not a test): a machine with 1 GiB of RAM, half of
# it random data (loaded with -device loader), migrated over loopback tcp by
# Ferry and by Debian's qemu-system-arm. Reports the median of RUNS
# interleaved runs of total time, downtime and throughput, and the ratio
# Ferry/QEMU.
#
# usage: scripts/bench/migration.sh [BUILDDIR] [RUNS]
set -euo pipefail

builddir=${1:-build}
runs=${2:-5}
ferry=$(realpath "$builddir/ferry-system-arm")
qemu=${QEMU_SYSTEM_ARM:-qemu-system-arm}

if ! command -v "$qemu" >/dev/null; then
    echo "installing qemu-system-arm" >&2
    apt-get install -y qemu-system-arm >/dev/null
fi

work=$(mktemp -d /tmp/ferry-mig-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
head -c $((512 * 1024 * 1024)) /dev/urandom > "$work/random.bin"

# One migration with emulator $1; prints "total_ms downtime_ms mbps".
run_one() {
    python3 - "$1" "$work" <<'EOF'
import json, os, socket, subprocess, sys, time

binary, work = sys.argv[1], sys.argv[2]

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port

def start(name, extra):
    sock = os.path.join(work, name + ".qmp")
    args = [binary, "-M", "none", "-m", "1G", "-display", "none", "-nodefaults",
            "-device", "loader,file=%s,addr=0x0,force-raw=on" % os.path.join(work, "random.bin"),
            "-qmp", "unix:%s,server=on,wait=off" % sock] + extra
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(500):
        try:
            c = socket.socket(socket.AF_UNIX)
            c.connect(sock)
            break
        except OSError:
            time.sleep(0.02)
    f = c.makefile("rw")
    f.readline()

    def cmd(name, **args):
        f.write(json.dumps({"execute": name, "arguments": args}) + "\n")
        f.flush()
        while True:
            r = json.loads(f.readline())
            if "event" not in r:
                return r
    cmd("qmp_capabilities")
    return p, cmd

port = free_port()
dst, dcmd = start("dst", ["-incoming", "tcp:127.0.0.1:%d" % port])
src, scmd = start("src", [])
scmd("migrate-set-parameters", **{"max-bandwidth": 0 if "ferry" in binary else 100 * 1024**3})
scmd("migrate", uri="tcp:127.0.0.1:%d" % port)
while True:
    r = scmd("query-migrate")["return"]
    if r.get("status") in ("completed", "failed", "cancelled"):
        break
    time.sleep(0.05)
if r["status"] != "completed":
    print("migration %s: %s" % (r["status"], r.get("error-desc", "")), file=sys.stderr)
    sys.exit(1)
total = r["total-time"]
down = r.get("downtime", 0)
mbytes = r["ram"]["transferred"] / 1e6
for c in (scmd, dcmd):
    try:
        c("quit")
    except Exception:
        pass
src.wait()
dst.wait()
print(total, down, "%.1f" % (mbytes / (total / 1000.0) if total else 0))
EOF
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: > "$work/ferry.txt"
: > "$work/qemu.txt"
for i in $(seq "$runs"); do
    run_one "$ferry" >> "$work/ferry.txt"
    run_one "$(command -v "$qemu")" >> "$work/qemu.txt"
done

printf '%-8s %12s %12s %10s\n' "" "total(ms)" "downtime(ms)" "MB/s"
for who in ferry qemu; do
    t=$(cut -d' ' -f1 "$work/$who.txt" | median)
    d=$(cut -d' ' -f2 "$work/$who.txt" | median)
    m=$(cut -d' ' -f3 "$work/$who.txt" | median)
    eval "${who}_t=$t ${who}_d=$d ${who}_m=$m"
    printf '%-8s %12s %12s %10s\n' "$who" "$t" "$d" "$m"
done
awk -v ft="$ferry_t" -v qt="$qemu_t" -v fd="$ferry_d" -v qd="$qemu_d" -v fm="$ferry_m" \
    -v qm="$qemu_m" 'BEGIN {
    printf "ratio Ferry/QEMU: total %.2f, downtime %.2f, MB/s %.2f\n",
           ft / (qt ? qt : 1), fd / (qd ? qd : 1), fm / (qm ? qm : 1) }'
