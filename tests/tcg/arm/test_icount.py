#!/usr/bin/env python3
"""-icount makes a run deterministic: tests/tcg/arm/icount.c, run several times.

    test_icount.py EMULATOR ELF

TAP output. Two runs with -icount shift=0 print the same text (guest time,
SP804 polls and counter values depend on instructions only), and so does a
run without block chaining (-d nochain: other block boundaries, the same
instructions). The loop between two SYS_ELAPSED calls is exactly 2004
instructions: 2004 ns at shift=0, 8016 ns at shift=2. The SP804 (1 MHz,
100 ticks) expires after 100 us of virtual time in both, so shift=2 needs a
quarter of the polls. An alignment fault inside a block counts the
instructions after it once (20 more of them: 20 ns more at shift=0). At
shift=10 an instruction lasts longer than an SP804 tick, so three loads of
the counter in one block each see their own instruction's time (the value
steps down). Without -icount the program runs on host time (its
exact checks are skipped). A bad shift is an error naming it (exit 1).
"""

import re
import subprocess
import sys

results = []


def check(name, cond, detail=''):
    results.append((name, bool(cond), detail))


def run(emulator, elf, *extra):
    cmd = [emulator, '-M', 'vexpress-a9', '-semihosting', '-nographic', '-monitor', 'none',
           *extra, '-kernel', elf]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return -1, '', 'timeout'
    return p.returncode, p.stdout, p.stderr


def numbers(out):
    n = {k: int(v) for k, v in re.findall(
        r'^(loop ns|polls|value0|timer ns|fault tail ns) (\d+)$', out, re.M)}
    m = re.search(r'^io steps (\d+) (\d+)$', out, re.M)
    if m:
        n['io steps'] = (int(m.group(1)), int(m.group(2)))
    return n


def main():
    emulator, elf = sys.argv[1], sys.argv[2]

    rc, out, err = run(emulator, elf)
    check('without -icount the guest runs on host time', rc == 0 and
          out == 'icount off\nicount ok\n', '%d %r %r' % (rc, out, err))

    rc0, out0, err0 = run(emulator, elf, '-icount', 'shift=0')
    check('shift=0 run passes its own checks', rc0 == 0 and out0.endswith('icount ok\n') and
          err0 == '',
          '%d %r %r' % (rc0, out0, err0))
    rc1, out1, _ = run(emulator, elf, '-icount', '0')
    check('a second shift=0 run prints the same', rc1 == 0 and out1 == out0,
          '%r vs %r' % (out1, out0))
    rc2, out2, _ = run(emulator, elf, '-icount', 'shift=0', '-d', 'nochain')
    check('without chaining: the same', rc2 == 0 and out2 == out0, '%r vs %r' % (out2, out0))
    n0 = numbers(out0)
    check('shift=0: the loop takes 2004 instructions = 2004 ns', n0.get('loop ns') == 2004,
          repr(n0))
    check('shift=0: the timer starts at its load value', n0.get('value0') == 100, repr(n0))
    check('shift=0: the timer expires after 100 us, seen within a poll',
          100000 <= n0.get('timer ns', 0) <= 100050, repr(n0))
    check('shift=0: instructions after a fault count once', n0.get('fault tail ns') == 20,
          repr(n0))

    rc3, out3, err3 = run(emulator, elf, '-icount', 'shift=2')
    n2 = numbers(out3)
    check('shift=2 run passes its own checks', rc3 == 0 and out3.endswith('icount ok\n') and
          err3 == '',
          '%d %r %r' % (rc3, out3, err3))
    check('shift=2: 4 ns per instruction', n2.get('loop ns') == 8016, repr(n2))
    check('shift=2: the timer expires after 100 us', 100000 <= n2.get('timer ns', 0) <= 100200,
          repr(n2))
    ratio = n0.get('polls', 0) / max(n2.get('polls', 0), 1)
    check('shift=2: a quarter of the polls', 3.9 <= ratio <= 4.1, '%r %r' % (n0, n2))
    check('shift=2: instructions after a fault count once', n2.get('fault tail ns') == 80,
          repr(n2))
    rc4, out4, _ = run(emulator, elf, '-icount', 'shift=2')
    check('a second shift=2 run prints the same', rc4 == 0 and out4 == out3)

    rc5, out5, err5 = run(emulator, elf, '-icount', 'shift=10')
    n10 = numbers(out5)
    check('shift=10 run passes its own checks', rc5 == 0 and out5.endswith('icount ok\n'),
          '%d %r %r' % (rc5, out5, err5))
    steps = n10.get('io steps', (0, 0))
    check('shift=10: each counter load sees its own instruction\'s time',
          1 <= steps[0] <= 2 and 1 <= steps[1] <= 2, repr(n10))

    rc, out, err = run(emulator, elf, '-icount', 'shift=auto')
    check('shift=auto is refused', rc == 1 and err.endswith(
          '-icount shift=auto: shift=auto is not supported (adaptive mode); use shift=0..10\n'),
          '%d %r' % (rc, err))
    rc, out, err = run(emulator, elf, '-icount', 'shift=12')
    check('a shift out of range is refused', rc == 1 and err.endswith(
          "-icount shift=12: invalid shift '12' (expected 0..10)\n"), '%d %r' % (rc, err))

    print('1..%d' % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok and detail:
            print('# ' + detail.replace('\n', '\n# '))
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
