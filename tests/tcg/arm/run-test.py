#!/usr/bin/env python3
"""Runs a bare-metal test program on ferry-system-arm and checks it.

    run-test.py EMULATOR ELF (--expect TEXT | --host-ref HOSTPROGRAM) [--emu-arg ARG]...

The guest must exit with status 0 or --status (semihosting SYS_EXIT) and print exactly
TEXT, or exactly what HOSTPROGRAM (the same C built for the host) prints.
With -nographic the monitor shares stdio and prints its banner and prompt
first; they are not part of the guest's output.
"""

import argparse
import difflib
import subprocess
import sys

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
    ap.add_argument('--timeout', type=int, default=120)
    ap.add_argument('--status', type=int, default=0, help='expected exit status')
    ap.add_argument('--emu-arg', action='append', default=[],
                    help='an extra emulator argument (repeatable)')
    args = ap.parse_args()

    if args.host_ref:
        want = subprocess.run([args.host_ref], stdout=subprocess.PIPE, check=True,
                              text=True).stdout
    else:
        want = args.expect.encode().decode('unicode_escape')
    cmd = [args.emulator, '-M', 'vexpress-a9', '-semihosting', '-nographic',
           '-kernel', args.elf] + args.emu_arg
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
    if ok:
        print('ok: %s (%d bytes of output)' % (args.elf, len(got)))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
