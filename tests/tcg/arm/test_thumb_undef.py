#!/usr/bin/env python3
"""An unallocated T32 instruction raises UNDEF (exception 1) at its own pc.

    test_thumb_undef.py EMULATOR ELF

Runs the guest with -d unimp,int and waits for the decoder's message and the
exception entry in the log; both must name the same pc. The guest then runs
the handler of undef-thumb.c, which checks LR and prints "undef ok".
"""

import os
import re
import subprocess
import sys
import tempfile

UNIMP = re.compile(r'arm: T32 unallocated or unimplemented instruction 0xfa00f040 at '
                   r'0x([0-9a-f]{8}): UNDEF')
EXCP = re.compile(r'arm: exception 1 at pc 0x([0-9a-f]{8})')


def main():
    emulator, elf = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, 'log')
        p = subprocess.Popen([emulator, '-M', 'vexpress-a9', '-semihosting', '-nographic',
                              '-d', 'unimp,int', '-D', log, '-kernel', elf],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        text = ''
        try:
            out = p.communicate(timeout=120)[0]
        except subprocess.TimeoutExpired:
            p.kill()
            out = p.communicate()[0]
        if os.path.exists(log):
            with open(log) as f:
                text = f.read()
    u, e = UNIMP.search(text), EXCP.search(text)
    if not u or not e:
        print('FAIL: no UNDEF in the log (guest output: %r)\n%s' % (out, text[:2000]))
        return 1
    if u.group(1) != e.group(1):
        print('FAIL: UNDEF at 0x%s but the exception was taken at 0x%s'
              % (u.group(1), e.group(1)))
        return 1
    if 'undef ok' not in out:
        print('FAIL: the handler did not see the UNDEF with LR = pc + 2 (output %r)' % out)
        return 1
    print('ok: UNDEF at 0x%s' % u.group(1))
    return 0


if __name__ == '__main__':
    sys.exit(main())
