#!/usr/bin/env python3
"""`info registers` on the ARM board (TAP): the CPU's dump shows the mode,
and the security state only with the Security Extensions.

    test_info_registers.py EMULATOR KERNEL_ELF
"""

import subprocess
import sys

CASES = [
    ('a9 with EL3: Secure', ['-M', 'vexpress-a9,secure=on'], ' A S svc32'),
    ('a9 without EL3: no state', [], ' A svc32'),
    ('a15 with EL3 and EL2: Secure', ['-cpu', 'cortex-a15', '-M',
                                      'vexpress-a9,secure=on,virtualization=on'],
     ' A S svc32'),
]


def info_registers(emulator, elf, extra):
    machine = [] if '-M' in extra else ['-M', 'vexpress-a9']
    cmd = [emulator] + machine + ['-monitor', 'stdio', '-display', 'none', '-S',
                                  '-kernel', elf] + extra
    r = subprocess.run(cmd, input='info registers\nquit\n', stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=60)
    return r.stdout


def main():
    emulator, elf = sys.argv[1:3]
    print('1..%d' % len(CASES))
    failed = 0
    for n, (name, extra, want) in enumerate(CASES, 1):
        out = info_registers(emulator, elf, extra)
        psr = [line for line in out.splitlines() if line.startswith('PSR=')]
        ok = len(psr) == 1 and psr[0].endswith(want) and 'R15=60000000' in out
        if not ok:
            failed += 1
            print('# got: %r' % out[-400:])
        print('%s %d - %s' % ('ok' if ok else 'not ok', n, name))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
