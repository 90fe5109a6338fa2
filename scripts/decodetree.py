#!/usr/bin/env python3
"""Generates a C instruction decoder from an encoding table.

Ferry's own small generator (see docs/devel/translator-loop.md). The table
is line based; '#' starts a comment, a trailing '\\' continues a line.

    %NAME  SPEC... [!function=FN]   a field: the concatenation (first SPEC
                                    most significant) of bit ranges POS:LEN,
                                    POS:sLEN for a signed range; FN(ctx, v)
                                    post-processes the value.
    &NAME  ARG...                   an argument set: struct arg_NAME.
    @NAME  BITS... [ITEM...]        a format: bits and items shared by
                                    patterns.
    NAME   BITS... [ITEM...]        a pattern: calls trans_NAME(ctx, &a).
                                    A NAME may repeat with the same
                                    arguments (one operation, several
                                    encodings).

BITS are tokens of '0', '1' and '.' (don't care), one character per bit,
most significant first, or inline fields NAME:LEN / NAME:sLEN; together
they cover the instruction width exactly. ITEMs are @FORMAT, &ARGSET,
ARG=%FIELD and ARG=INTEGER. A pattern's bits are merged with its format's
(fixed bits must agree). The arguments are the inline fields and the
assignments; with an argument set they must be exactly its members,
without one the pattern gets its own struct arg_NAME.

Patterns are tried in file order; the first whose fixed bits match wins,
so a specific encoding is listed before the general one it overlaps. The
decoder returns what the trans function returns, false when nothing
matches.
"""

import argparse
import re
import sys


class DecodeError(Exception):
    pass


class Field:
    def __init__(self, name, ranges, function=None):
        self.name = name
        self.ranges = ranges        # [(pos, len, signed)], msb part first
        self.function = function

    def c_expr(self, insn='insn'):
        parts = []
        shift = 0
        for pos, length, signed in reversed(self.ranges):
            if signed and (pos, length, signed) == self.ranges[0]:
                e = ('((int32_t)((uint32_t)%s << %d) >> %d)'
                     % (insn, 32 - pos - length, 32 - length))
            else:
                e = '((%s >> %d) & 0x%x)' % (insn, pos, (1 << length) - 1)
            if shift:
                e = '(int32_t)((uint32_t)%s << %d)' % (e, shift)
            parts.append(e)
            shift += length
        expr = ' | '.join(reversed(parts))
        if self.function:
            expr = '%s(ctx, %s)' % (self.function, expr)
        return expr


class Pattern:
    def __init__(self, name, lineno):
        self.name = name
        self.lineno = lineno
        self.fixedmask = 0
        self.fixedbits = 0
        self.args = {}              # arg -> C expression
        self.argset = None


class Parser:
    def __init__(self, width):
        self.width = width
        self.fields = {}
        self.argsets = {}
        self.formats = {}
        self.patterns = []
        self.filename = '<input>'
        self.lineno = 0

    def error(self, msg):
        raise DecodeError('%s:%d: %s' % (self.filename, self.lineno, msg))

    def parse(self, text, filename):
        self.filename = filename
        lines = text.split('\n')
        i = 0
        while i < len(lines):
            self.lineno = i + 1
            line = lines[i].split('#', 1)[0].rstrip()
            while line.endswith('\\') and i + 1 < len(lines):
                i += 1
                line = line[:-1] + ' ' + lines[i].split('#', 1)[0].rstrip()
            i += 1
            toks = line.split()
            if not toks:
                continue
            head = toks[0]
            if head.startswith('%'):
                self.parse_field(head[1:], toks[1:])
            elif head.startswith('&'):
                self.parse_argset(head[1:], toks[1:])
            elif head.startswith('@'):
                self.parse_pattern(head[1:], toks[1:], is_format=True)
            else:
                self.parse_pattern(head, toks[1:], is_format=False)

    def check_name(self, name, what):
        if not re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', name):
            self.error('invalid %s name "%s"' % (what, name))

    def parse_field(self, name, toks):
        self.check_name(name, 'field')
        if name in self.fields:
            self.error('field "%s" defined twice' % name)
        ranges = []
        function = None
        for t in toks:
            if t.startswith('!function='):
                function = t[len('!function='):]
                continue
            m = re.fullmatch(r'(\d+):(s?)(\d+)', t)
            if not m:
                self.error('invalid field range "%s" (expected POS:LEN or POS:sLEN)' % t)
            pos, signed, length = int(m.group(1)), m.group(2) == 's', int(m.group(3))
            if length == 0 or pos + length > self.width:
                self.error('field range "%s" outside the %d-bit instruction'
                           % (t, self.width))
            ranges.append((pos, length, signed))
        if not ranges:
            self.error('field "%s" has no bit range' % name)
        self.fields[name] = Field(name, ranges, function)

    def parse_argset(self, name, toks):
        self.check_name(name, 'argument set')
        if name in self.argsets:
            self.error('argument set "%s" defined twice' % name)
        for t in toks:
            self.check_name(t, 'argument')
        if len(set(toks)) != len(toks):
            self.error('argument set "%s" repeats an argument' % name)
        self.argsets[name] = list(toks)

    def parse_pattern(self, name, toks, is_format):
        self.check_name(name, 'format' if is_format else 'pattern')
        p = Pattern(name, self.lineno)
        bitpos = self.width
        fmt = None
        for t in toks:
            if re.fullmatch(r'[01.\-]+', t):
                for c in t:
                    bitpos -= 1
                    if bitpos < 0:
                        break
                    if c in '01':
                        p.fixedmask |= 1 << bitpos
                        p.fixedbits |= int(c) << bitpos
                continue
            m = re.fullmatch(r'([A-Za-z_][A-Za-z0-9_]*):(s?)(\d+)', t)
            if m:
                length = int(m.group(3))
                bitpos -= length
                if bitpos < 0:
                    break
                f = Field(m.group(1), [(bitpos, length, m.group(2) == 's')])
                self.add_arg(p, m.group(1), f.c_expr())
                continue
            if t.startswith('@'):
                if t[1:] not in self.formats:
                    self.error('unknown format "%s"' % t[1:])
                fmt = self.formats[t[1:]]
                continue
            if t.startswith('&'):
                if t[1:] not in self.argsets:
                    self.error('unknown argument set "%s"' % t[1:])
                p.argset = t[1:]
                continue
            m = re.fullmatch(r'([A-Za-z_][A-Za-z0-9_]*)=(%?)([A-Za-z0-9_\-]+)', t)
            if m:
                if m.group(2):
                    if m.group(3) not in self.fields:
                        self.error('unknown field "%s"' % m.group(3))
                    self.add_arg(p, m.group(1), self.fields[m.group(3)].c_expr())
                else:
                    try:
                        self.add_arg(p, m.group(1), str(int(m.group(3), 0)))
                    except ValueError:
                        self.error('invalid value "%s"' % m.group(3))
                continue
            self.error('unexpected "%s"' % t)
        if bitpos != 0:
            self.error('"%s" covers %d bits, not %d'
                       % (name, self.width - bitpos, self.width))
        if fmt:
            both = p.fixedmask & fmt.fixedmask
            if (p.fixedbits & both) != (fmt.fixedbits & both):
                self.error('"%s" contradicts the fixed bits of format "%s"'
                           % (name, fmt.name))
            p.fixedmask |= fmt.fixedmask
            p.fixedbits |= fmt.fixedbits
            for a, e in fmt.args.items():
                if a not in p.args:
                    p.args[a] = e
            if not p.argset:
                p.argset = fmt.argset
        if is_format:
            if name in self.formats:
                self.error('format "%s" defined twice' % name)
            self.formats[name] = p
            return
        # A name may repeat (several encodings of one operation, e.g. the
        # immediate forms of a T32 load): each call gets the same struct.
        for q in self.patterns:
            if q.name == name and (q.argset != p.argset or
                                   (not p.argset and sorted(q.args) != sorted(p.args))):
                self.error('pattern "%s" repeated with other arguments' % name)
        if p.argset:
            members = self.argsets[p.argset]
            extra = [a for a in p.args if a not in members]
            missing = [a for a in members if a not in p.args]
            if extra:
                self.error('"%s": argument "%s" is not in set "%s"' % (name, extra[0], p.argset))
            if missing:
                self.error('"%s": argument "%s" of set "%s" is not given'
                           % (name, missing[0], p.argset))
        self.patterns.append(p)

    def add_arg(self, p, arg, expr):
        if arg in p.args:
            self.error('"%s": argument "%s" given twice' % (p.name, arg))
        p.args[arg] = expr


def generate(parser, decode_name, ctx_type, insn_type):
    out = []
    w = out.append
    w('/* Generated by scripts/decodetree.py from %s: do not edit. */\n' % parser.filename)
    # Several decoders may be included in one file and share argument
    # sets (A32 and T32 patterns calling the same trans functions): each
    # struct is emitted once, under a guard of its name.
    structs = list(parser.argsets.items())
    seen = set()
    for p in parser.patterns:
        if not p.argset and p.name not in seen:
            seen.add(p.name)
            structs.append((p.name, list(p.args)))
    for name, members in structs:
        w('#ifndef DECODETREE_ARG_%s\n#define DECODETREE_ARG_%s\n' % (name, name))
        w('typedef struct arg_%s {\n' % name)
        for a in members:
            w('    int %s;\n' % a)
        if not members:
            w('    char unused_;\n')
        w('} arg_%s;\n#endif\n\n' % name)
    declared = set()
    for p in parser.patterns:
        if p.name not in declared:
            declared.add(p.name)
            w('static bool trans_%s(%s *ctx, arg_%s *a);\n'
              % (p.name, ctx_type, p.argset or p.name))
    w('\nstatic bool %s(%s *ctx, %s insn)\n{\n' % (decode_name, ctx_type, insn_type))
    for p in parser.patterns:
        w('    if ((insn & 0x%08x) == 0x%08x) {\n' % (p.fixedmask, p.fixedbits))
        w('        arg_%s a = {\n' % (p.argset or p.name))
        for a, e in p.args.items():
            w('            .%s = %s,\n' % (a, e))
        w('        };\n')
        w('        (void)a;\n')
        w('        return trans_%s(ctx, &a);\n' % p.name)
        w('    }\n')
    w('    return false;\n}\n')
    return ''.join(out)


def main(argv):
    ap = argparse.ArgumentParser(description='Generate a C decoder from an encoding table.')
    ap.add_argument('input')
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('--decode', default='decode', help='name of the decoder function')
    ap.add_argument('--ctx-type', default='DisasContext')
    ap.add_argument('--insnwidth', type=int, default=32, choices=[16, 32])
    args = ap.parse_args(argv)
    parser = Parser(args.insnwidth)
    try:
        with open(args.input, encoding='utf-8') as f:
            text = f.read()
        parser.parse(text, args.input)
    except (DecodeError, OSError) as e:
        print('decodetree: %s' % e, file=sys.stderr)
        return 1
    insn_type = 'uint32_t' if args.insnwidth == 32 else 'uint16_t'
    code = generate(parser, args.decode, args.ctx_type, insn_type)
    with open(args.output, 'w', encoding='utf-8') as f:
        f.write(code)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
