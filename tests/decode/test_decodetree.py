#!/usr/bin/env python3
"""Tests of scripts/decodetree.py: a tiny table is generated, compiled with
the host C compiler and run on instruction words with known decodings;
malformed tables must fail with a message naming the line and the problem.

    test_decodetree.py DECODETREE CC
"""

import os
import subprocess
import sys
import tempfile
import unittest

DECODETREE = None
CC = None

TABLE = r"""
# a toy 32-bit ISA
&rri      rd rn imm
%simm12   0:s12
%split    24:4 0:4          # two pieces, the first most significant
@rri      .... .... rd:4 rn:4 .... ............ &rri imm=%simm12
ADDI      0001 0000 .... .... .... ............ @rri
SUBI      0001 0001 .... .... .... ............ @rri
SPECIAL   0010 0000 1111 1111 0000 0000 0000 0000
GENERIC   0010 0000 x:8 ........ ........
SPLIT     0011 hi:4 .... .... .... .... .... lo:4 v=%split k=7
"""

DRIVER = r"""
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
typedef struct DisasContext { int dummy; } DisasContext;
#include "out.c.inc"
static bool trans_ADDI(DisasContext *c, arg_rri *a)
{ printf("ADDI %d %d %d\n", a->rd, a->rn, a->imm); return true; }
static bool trans_SUBI(DisasContext *c, arg_rri *a)
{ printf("SUBI %d %d %d\n", a->rd, a->rn, a->imm); return true; }
static bool trans_SPECIAL(DisasContext *c, arg_SPECIAL *a)
{ printf("SPECIAL\n"); return true; }
static bool trans_GENERIC(DisasContext *c, arg_GENERIC *a)
{ printf("GENERIC %d\n", a->x); return a->x != 0; }
static bool trans_SPLIT(DisasContext *c, arg_SPLIT *a)
{ printf("SPLIT %d %d %d %d\n", a->hi, a->lo, a->v, a->k); return true; }
int main(void)
{
    static const uint32_t insns[] = {
        0x10123ffe, 0x11ab0005, 0x20ff0000, 0x20fe0000, 0x20000000, 0x3a00000b, 0xf0000000,
    };
    DisasContext c;
    for (unsigned i = 0; i < sizeof(insns) / sizeof(insns[0]); i++) {
        if (!decode(&c, insns[i])) {
            printf("none %08x\n", insns[i]);
        }
    }
    return 0;
}
"""

EXPECTED = """ADDI 1 2 -2
SUBI 10 11 5
SPECIAL
GENERIC 254
GENERIC 0
none 20000000
SPLIT 10 11 171 7
none f0000000
"""


def run_gen(table, tmp):
    src = os.path.join(tmp, 'in.decode')
    out = os.path.join(tmp, 'out.c.inc')
    with open(src, 'w') as f:
        f.write(table)
    r = subprocess.run([sys.executable, DECODETREE, src, '-o', out],
                       stderr=subprocess.PIPE, text=True)
    return r.returncode, r.stderr


class DecodetreeTest(unittest.TestCase):
    def test_generated_decoder(self):
        with tempfile.TemporaryDirectory() as tmp:
            rc, err = run_gen(TABLE, tmp)
            self.assertEqual(rc, 0, err)
            with open(os.path.join(tmp, 'drv.c'), 'w') as f:
                f.write(DRIVER)
            exe = os.path.join(tmp, 'drv')
            subprocess.run([CC, '-std=gnu11', '-Wall', '-Werror', '-Wno-unused-parameter',
                            '-I', tmp, '-o', exe, os.path.join(tmp, 'drv.c')], check=True)
            out = subprocess.run([exe], stdout=subprocess.PIPE, text=True, check=True).stdout
            self.assertEqual(out, EXPECTED)

    def test_two_decoders_share_argsets(self):
        """A 16-bit and a 32-bit decoder in one file reuse an argument set
        and a pattern name; each struct is defined once."""
        t32 = '&rr rd rm\nMOV 0000 0000 0000 0000 0000 0000 rd:4 rm:4 &rr\n' \
              'NOP 1111 1111 1111 1111 1111 1111 1111 1111\n'
        t16 = '&rr rd rm\nMOV 0000 0000 rd:4 rm:4 &rr\nNOP 1111 1111 1111 1111\n'
        drv = r"""
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
typedef struct DisasContext { int dummy; } DisasContext;
#include "a.c.inc"
#include "b.c.inc"
static bool trans_MOV(DisasContext *c, arg_rr *a) { printf("MOV %d %d\n", a->rd, a->rm); return true; }
static bool trans_NOP(DisasContext *c, arg_NOP *a) { printf("NOP\n"); return true; }
int main(void)
{
    DisasContext c;
    return !(dec32(&c, 0x00000012) && dec16(&c, 0x0034) && dec16(&c, 0xffff));
}
"""
        with tempfile.TemporaryDirectory() as tmp:
            for name, table, width, fn in (('a', t32, '32', 'dec32'), ('b', t16, '16', 'dec16')):
                src = os.path.join(tmp, name + '.decode')
                with open(src, 'w') as f:
                    f.write(table)
                subprocess.run([sys.executable, DECODETREE, src, '-o',
                                os.path.join(tmp, name + '.c.inc'), '--insnwidth', width,
                                '--decode', fn], check=True)
            with open(os.path.join(tmp, 'drv.c'), 'w') as f:
                f.write(drv)
            exe = os.path.join(tmp, 'drv')
            subprocess.run([CC, '-std=gnu11', '-Wall', '-Werror', '-Wno-unused-parameter',
                            '-I', tmp, '-o', exe, os.path.join(tmp, 'drv.c')], check=True)
            out = subprocess.run([exe], stdout=subprocess.PIPE, text=True, check=True).stdout
            self.assertEqual(out, 'MOV 1 2\nMOV 3 4\nNOP\n')

    def test_repeated_pattern_name(self):
        """One operation with two encodings: both call the same trans."""
        table = 'LD 0000 0000 0000 0000 0000 0000 rt:4 imm:4\n' \
                'LD 0000 0000 0000 0000 0000 0001 imm:4 rt:4\n'
        drv = r"""
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
typedef struct DisasContext { int dummy; } DisasContext;
#include "out.c.inc"
static bool trans_LD(DisasContext *c, arg_LD *a) { printf("LD %d %d\n", a->rt, a->imm); return true; }
int main(void)
{
    DisasContext c;
    return !(decode(&c, 0x00000012) && decode(&c, 0x00000112) && !decode(&c, 0x212));
}
"""
        with tempfile.TemporaryDirectory() as tmp:
            rc, err = run_gen(table, tmp)
            self.assertEqual(rc, 0, err)
            with open(os.path.join(tmp, 'drv.c'), 'w') as f:
                f.write(drv)
            exe = os.path.join(tmp, 'drv')
            subprocess.run([CC, '-std=gnu11', '-Wall', '-Werror', '-Wno-unused-parameter',
                            '-I', tmp, '-o', exe, os.path.join(tmp, 'drv.c')], check=True)
            out = subprocess.run([exe], stdout=subprocess.PIPE, text=True, check=True).stdout
            self.assertEqual(out, 'LD 1 2\nLD 2 1\n')

    def check_error(self, table, message):
        with tempfile.TemporaryDirectory() as tmp:
            rc, err = run_gen(table, tmp)
            self.assertEqual(rc, 1)
            self.assertIn(message, err)

    def test_errors(self):
        self.check_error('X 0101\n', 'in.decode:1: "X" covers 4 bits, not 32')
        self.check_error('\nX 0000 0000 0000 0000 0000 0000 0000 0000 @nope\n',
                         'in.decode:2: unknown format "nope"')
        self.check_error('%f 30:4\n', 'in.decode:1: field range "30:4" outside the 32-bit')
        self.check_error('%f x\n', 'in.decode:1: invalid field range "x"')
        self.check_error('&a x y\nX 0000 0000 0000 0000 0000 0000 0000 x:4 &a\n',
                         'in.decode:2: "X": argument "y" of set "a" is not given')
        self.check_error('&a x\nX 0000 0000 0000 0000 0000 0000 0000 z:4 &a\n',
                         'in.decode:2: "X": argument "z" is not in set "a"')
        self.check_error('X 0000 0000 0000 0000 0000 0000 0000 a:4 a=1\n',
                         '"X": argument "a" given twice')
        self.check_error('@f 1... .... .... .... .... .... .... ....\n'
                         'X 0000 0000 0000 0000 0000 0000 0000 0000 @f\n',
                         'in.decode:2: "X" contradicts the fixed bits of format "f"')
        self.check_error('X 0000 0000 0000 0000 0000 0000 0000 a:4\n'
                         'X 0000 0000 0000 0000 0000 0000 0001 b:4\n',
                         'in.decode:2: pattern "X" repeated with other arguments')
        self.check_error('&r a\n&q a\nX 0000 0000 0000 0000 0000 0000 0000 a:4 &r\n'
                         'X 0000 0000 0000 0000 0000 0000 0001 a:4 &q\n',
                         'in.decode:4: pattern "X" repeated with other arguments')
        self.check_error('X 0000 0000 0000 0000 0000 0000 0000 000? \n',
                         'in.decode:1: unexpected "000?"')


if __name__ == '__main__':
    DECODETREE, CC = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
