#!/usr/bin/env python3
"""Differential test: the same ELF on ferry-system-arm and on Debian's
qemu-system-arm (the oracle), outputs compared line by line; for programs
without a host reference (run-test.py --host-ref).

    run-oracle.py EMULATOR ELF

Both runs must exit with status 0. Without qemu-system-arm the test is
skipped (status 77).
"""

import argparse
import difflib
import shutil
import subprocess
import sys

ORACLE = 'qemu-system-arm'
BANNER_PREFIX = 'Ferry '
PROMPT = '(qemu) '


def ferry_output(text):
    lines = text.split('\n')
    if lines and lines[0].startswith(BANNER_PREFIX) and 'monitor' in lines[0]:
        lines = lines[1:]
        if lines and lines[0].startswith(PROMPT):
            lines[0] = lines[0][len(PROMPT):]
    return '\n'.join(lines)


def oracle_output(text):
    # QEMU writes the semihosting console to stderr, with its own warnings.
    noise = ('ALSA lib ', 'alsa:', 'audio:', 'qemu-system-arm:')
    return ''.join(l for l in text.splitlines(True) if not l.startswith(noise))


def run(cmd, timeout):
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=timeout, text=True)
    except subprocess.TimeoutExpired:
        print('FAIL: %s did not exit within %d s' % (' '.join(cmd), timeout))
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('emulator')
    ap.add_argument('elf')
    ap.add_argument('--timeout', type=int, default=150)
    args = ap.parse_args()

    if not shutil.which(ORACLE):
        print('SKIP: %s is not installed' % ORACLE)
        return 77
    o = run([ORACLE, '-M', 'vexpress-a9', '-semihosting', '-nographic', '-audiodev',
             'none,id=snd0', '-kernel', args.elf], args.timeout)
    f = run([args.emulator, '-M', 'vexpress-a9', '-semihosting', '-nographic', '-kernel',
             args.elf], args.timeout)
    if o is None or f is None:
        return 1
    want = oracle_output(o.stderr + o.stdout)
    got = ferry_output(f.stdout)
    ok = True
    if o.returncode != 0 or f.returncode != 0:
        print('FAIL: exit status %d (oracle) and %d (ferry; stderr: %s)'
              % (o.returncode, f.returncode, f.stderr.strip()[-500:]))
        ok = False
    if not want.strip():
        print('FAIL: the oracle printed nothing')
        ok = False
    if got != want:
        print('FAIL: ferry differs from the oracle:')
        sys.stdout.writelines(list(difflib.unified_diff(
            want.splitlines(True), got.splitlines(True), 'oracle', 'ferry'))[:80])
        ok = False
    if ok:
        print('ok: %s matches the oracle (%d lines)' % (args.elf, got.count('\n')))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
