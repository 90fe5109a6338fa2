#!/usr/bin/env python3
"""Runs a bare-metal test program on ferry-system-arm and checks it.

    run-test.py EMULATOR ELF (--expect TEXT | --host-ref HOSTPROGRAM | --golden FILE)
                [--oracle QEMU] [--arg ARG]... [--cpu MODEL] [--global TYPE.PROP=VALUE]...
                [--log ITEMS] [--log-expect TEXT]...

The guest must exit with status 0 or --status (semihosting SYS_EXIT) and print exactly
TEXT, or exactly what HOSTPROGRAM (the same C built for the host) prints, or
the contents of FILE (.xz compressed or plain). With --oracle, QEMU (Debian's
qemu-system-arm) runs the same ELF first and must print the same: that
checks that the golden file still is QEMU's output (same -M and -cpu). --arg passes ARG to the
emulator under test. --log-expect (repeatable) runs the emulator with
-d ITEMS (--log, default unimp) and wants every TEXT in that log.
With -nographic the monitor shares stdio and prints its banner and prompt
first; they are not part of the guest's output.
"""

import argparse
import difflib
import lzma
import os
import subprocess
import tempfile
import sys
import tempfile

BANNER_PREFIX = 'Ferry '
PROMPT = '(qemu) '


def guest_output(text):
    lines = text.split('\n')
    if lines and lines[0].startswith(BANNER_PREFIX) and 'monitor' in lines[0]:
        lines = lines[1:]
        if lines and lines[0].startswith(PROMPT):
            lines[0] = lines[0][len(PROMPT):]
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('emulator')
    ap.add_argument('elf')
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument('--expect')
    group.add_argument('--host-ref')
    group.add_argument('--golden')
    ap.add_argument('--oracle')
    ap.add_argument('--arg', action='append', default=[])
    ap.add_argument('--timeout', type=int, default=120)
    ap.add_argument('--status', type=int, default=0, help='expected exit status')
    ap.add_argument('--cpu', help='-cpu MODEL for the board')
    ap.add_argument('--machine', default='vexpress-a9', help='-M MACHINE[,props]')
    ap.add_argument('--log', help='-d ITEMS: the log (-D) must contain every --log-expect')
    ap.add_argument('--log-expect', action='append', default=[])
    ap.add_argument('--global', dest='globals', action='append', default=[],
                    help='-global TYPE.PROP=VALUE (repeatable)')
    args = ap.parse_args()

    if args.host_ref:
        want = subprocess.run([args.host_ref], stdout=subprocess.PIPE, check=True,
                              text=True).stdout
    elif args.golden:
        opener = lzma.open if args.golden.endswith('.xz') else open
        with opener(args.golden, 'rt') as f:
            want = f.read()
    else:
        want = args.expect.encode().decode('unicode_escape')
    tmp = tempfile.TemporaryDirectory()
    extra = list(args.arg)
    if args.oracle:
        out = os.path.join(tmp.name, 'oracle.out')
        ocmd = [args.oracle, '-M', args.machine, '-nographic', '-monitor', 'none',
                '-audiodev', 'none,id=snd', '-chardev', 'file,id=semi,path=' + out,
                '-semihosting-config', 'enable=on,chardev=semi', '-kernel', args.elf]
        if args.cpu:
            ocmd += ['-cpu', args.cpu]
        try:
            r = subprocess.run(ocmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, timeout=args.timeout, text=True)
        except subprocess.TimeoutExpired:
            print('FAIL: the oracle did not exit within %d s' % args.timeout)
            return 1
        with open(out) as f:
            got = f.read()
        if r.returncode != args.status or got != want:
            print('FAIL: the oracle (%s, exit status %d) disagrees with the reference:'
                  % (args.oracle, r.returncode))
            sys.stdout.writelines(list(difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), 'reference', 'oracle'))[:60])
            return 1
        print('ok: the oracle agrees with the reference')
    if args.log_expect and not args.log:
        args.log = 'unimp'
    cmd = [args.emulator, '-M', args.machine, '-semihosting', '-nographic',
           '-kernel', args.elf] + extra
    if args.cpu:
        cmd += ['-cpu', args.cpu]
    logdir = tempfile.TemporaryDirectory()
    logfile = os.path.join(logdir.name, 'log')
    if args.log:
        cmd += ['-d', args.log, '-D', logfile]
    for g in args.globals:
        cmd += ['-global', g]
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=args.timeout, text=True)
    except subprocess.TimeoutExpired:
        print('FAIL: %s did not exit within %d s' % (' '.join(cmd), args.timeout))
        return 1
    got = guest_output(r.stdout)
    ok = True
    if r.returncode != args.status:
        print('FAIL: exit status %d, expected %d (stderr: %s)'
              % (r.returncode, args.status, r.stderr.strip()))
        ok = False
    if got != want:
        print('FAIL: guest output differs from the reference:')
        sys.stdout.writelines(list(difflib.unified_diff(
            want.splitlines(True), got.splitlines(True), 'reference', 'guest'))[:60])
        ok = False
    if args.log:
        with open(logfile, errors='replace') as f:
            log = f.read()
        for text in args.log_expect:
            if text not in log:
                print('FAIL: the -d %s log has no %r' % (args.log, text))
                ok = False
    if ok:
        print('ok: %s (%d bytes of output)' % (args.elf, len(got)))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
