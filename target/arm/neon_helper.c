/*
 * Advanced SIMD (NEON) data processing, out of line (see neon_helper.h for
 * the contract). The arithmetic of every integer form follows
 * the pseudocode of the ARM ARM (ARMv7-A, A8.8): lanes are widened to 128
 * bits, the exact result is computed there, then truncated or saturated
 * to the destination lane. 128-bit intermediates make the 64-bit lanes of
 * VQADD/VQSHL/VQRSHL as simple as the narrow ones. The floating-point
 * forms, at the end, run lane by lane on the VFP arithmetic of
 * vfp_helper.c under the standard FPSCR value.
 */
#include "qemu/osdep.h"
#include "target/arm/neon_helper.h"
#include <math.h>

typedef __int128 i128;

/* ---- lanes ---- */

static int reg_d(uint32_t insn)
{
    return ((insn >> 18) & 0x10) | ((insn >> 12) & 0xf);
}

static int reg_n(uint32_t insn)
{
    return ((insn >> 3) & 0x10) | ((insn >> 16) & 0xf);
}

static int reg_m(uint32_t insn)
{
    return ((insn >> 1) & 0x10) | (insn & 0xf);
}

static uint64_t lane_mask(int eb)
{
    return eb == 64 ? ~0ull : (1ull << eb) - 1;
}

/* Lane I of EB bits of the vector W (one or two D registers). */
static uint64_t lane(const uint64_t *w, int eb, int i)
{
    int bit = i * eb;

    return (w[bit / 64] >> (bit % 64)) & lane_mask(eb);
}

static void set_lane(uint64_t *w, int eb, int i, uint64_t x)
{
    int bit = i * eb;
    uint64_t m = lane_mask(eb) << (bit % 64);

    w[bit / 64] = (w[bit / 64] & ~m) | ((x << (bit % 64)) & m);
}

/* Lane value X (EB bits) as a number: zero- or sign-extended. */
static i128 ext(uint64_t x, int eb, bool u)
{
    if (u || eb == 64) {
        return u ? (i128)x : (i128)(int64_t)x;
    }
    return (i128)((int64_t)(x << (64 - eb)) >> (64 - eb));
}

static void vload(CPUARMState *env, int reg, int nd, uint64_t *w)
{
    for (int i = 0; i < nd; i++) {
        w[i] = env->vfp.d[(reg + i) & 31];
    }
}

static void vstore(CPUARMState *env, int reg, int nd, const uint64_t *w)
{
    for (int i = 0; i < nd; i++) {
        env->vfp.d[(reg + i) & 31] = w[i];
    }
}

/* ---- arithmetic ---- */

/* V saturated to an EB-bit lane, signed or unsigned (U); QC on saturation. */
static uint64_t sat(CPUARMState *env, i128 v, int eb, bool u)
{
    i128 lo = u ? 0 : -((i128)1 << (eb - 1));
    i128 hi = u ? ((i128)1 << eb) - 1 : ((i128)1 << (eb - 1)) - 1;

    if (v < lo) {
        v = lo;
        env->vfp.fpscr |= ARM_FPSCR_QC;
    } else if (v > hi) {
        v = hi;
        env->vfp.fpscr |= ARM_FPSCR_QC;
    }
    return (uint64_t)v & lane_mask(eb);
}

static uint64_t trunc_lane(i128 v, int eb)
{
    return (uint64_t)v & lane_mask(eb);
}

/* V >> N (floor), adding 2^(N-1) first when RND: N >= 1, at most 127. */
static i128 shr_round(i128 v, int n, bool rnd)
{
    if (rnd) {
        v += (i128)1 << (n - 1);
    }
    return v >> n;
}

/*
 * The lane X (EB bits, signed unless U) shifted by S, left when S >= 0 and
 * right (rounding when RND) otherwise: the shifts by register (the bottom
 * byte of the Vn lane, signed) and by immediate. With SATURATE the result
 * is saturated to an EB-bit lane of signedness RES_U, else truncated.
 */
static uint64_t shift_lane(CPUARMState *env, uint64_t x, int eb, bool u, int s, bool rnd,
                           bool saturate, bool res_u)
{
    i128 v = ext(x, eb, u);

    if (s >= eb) {
        if (!saturate || v == 0) {
            return 0;
        }
        /* Every non-zero value overflows: saturate towards its sign. */
        v = v > 0 ? (i128)1 << 100 : -((i128)1 << 100);
    } else if (s >= 0) {
        v *= (i128)1 << s;
    } else {
        int n = -s;

        v = shr_round(v, n > eb + 1 ? eb + 1 : n, rnd);
    }
    return saturate ? sat(env, v, eb, res_u) : trunc_lane(v, eb);
}

/* Polynomial (carry-less) product of two BITS-bit values. */
static uint64_t pmul(uint64_t a, uint64_t b, int bits)
{
    uint64_t r = 0;

    for (int i = 0; i < bits; i++) {
        if ((b >> i) & 1) {
            r ^= a << i;
        }
    }
    return r;
}

static i128 abs128(i128 v)
{
    return v < 0 ? -v : v;
}

/*
 * One lane of a three-registers-same operation: CODE is opc (bits 11:8)
 * << 1 | bit 4; A from Vn, B from Vm, D the destination's old lane.
 */
static uint64_t same_elem(CPUARMState *env, int code, bool u, int eb, uint64_t a, uint64_t b,
                          uint64_t d)
{
    i128 x = ext(a, eb, u), y = ext(b, eb, u);

    switch (code) {
    case 0:     /* VHADD */
        return trunc_lane((x + y) >> 1, eb);
    case 1:     /* VQADD */
        return sat(env, x + y, eb, u);
    case 2:     /* VRHADD */
        return trunc_lane((x + y + 1) >> 1, eb);
    case 4:     /* VHSUB */
        return trunc_lane((x - y) >> 1, eb);
    case 5:     /* VQSUB */
        return sat(env, x - y, eb, u);
    case 6:     /* VCGT */
        return x > y ? lane_mask(eb) : 0;
    case 7:     /* VCGE */
        return x >= y ? lane_mask(eb) : 0;
    case 8:     /* VSHL (register): value from Vm, shift from Vn */
        return shift_lane(env, b, eb, u, (int8_t)a, false, false, u);
    case 9:     /* VQSHL (register) */
        return shift_lane(env, b, eb, u, (int8_t)a, false, true, u);
    case 10:    /* VRSHL */
        return shift_lane(env, b, eb, u, (int8_t)a, true, false, u);
    case 11:    /* VQRSHL */
        return shift_lane(env, b, eb, u, (int8_t)a, true, true, u);
    case 12:    /* VMAX */
        return trunc_lane(x > y ? x : y, eb);
    case 13:    /* VMIN */
        return trunc_lane(x < y ? x : y, eb);
    case 14:    /* VABD */
        return trunc_lane(abs128(x - y), eb);
    case 15:    /* VABA */
        return trunc_lane((i128)d + abs128(x - y), eb);
    case 16:    /* VADD / VSUB */
        return trunc_lane(u ? (i128)a - b : (i128)a + b, eb);
    case 17:    /* VTST / VCEQ */
        if (u) {
            return a == b ? lane_mask(eb) : 0;
        }
        return (a & b) ? lane_mask(eb) : 0;
    case 18:    /* VMLA / VMLS */
        return trunc_lane(u ? (i128)d - (i128)a * b : (i128)d + (i128)a * b, eb);
    case 19:    /* VMUL (integer), VMUL.P8 */
        return u ? pmul(a, b, 8) & 0xff : trunc_lane((i128)a * b, eb);
    case 20:    /* VPMAX */
        return trunc_lane(x > y ? x : y, eb);
    case 21:    /* VPMIN */
        return trunc_lane(x < y ? x : y, eb);
    case 22: {  /* VQDMULH (U=0) / VQRDMULH (U=1): signed */
        i128 p = 2 * ext(a, eb, false) * ext(b, eb, false);

        return sat(env, shr_round(p, eb, u), eb, false);
    }
    case 23:    /* VPADD */
        return trunc_lane((i128)a + b, eb);
    default:
        g_assert_not_reached();
    }
}

/*
 * One lane of a long (widening) operation, the 3diff opcodes: A and B are
 * EB-bit lanes (A is 2*EB bits for VADDW/VSUBW), D the 2*EB-bit old lane.
 */
static uint64_t long_elem(CPUARMState *env, int op, bool u, int eb, uint64_t a, uint64_t b,
                          uint64_t d)
{
    int eb2 = 2 * eb;
    bool wide_a = op == 1 || op == 3;
    i128 x = ext(a, wide_a ? eb2 : eb, u), y = ext(b, eb, u);
    i128 acc = ext(d, eb2, u);

    switch (op) {
    case 0:
    case 1:     /* VADDL, VADDW */
        return trunc_lane(x + y, eb2);
    case 2:
    case 3:     /* VSUBL, VSUBW */
        return trunc_lane(x - y, eb2);
    case 5:     /* VABAL */
        return trunc_lane(acc + abs128(x - y), eb2);
    case 7:     /* VABDL */
        return trunc_lane(abs128(x - y), eb2);
    case 8:     /* VMLAL */
        return trunc_lane(acc + x * y, eb2);
    case 10:    /* VMLSL */
        return trunc_lane(acc - x * y, eb2);
    case 12:    /* VMULL */
        return trunc_lane(x * y, eb2);
    case 9:     /* VQDMLAL */
        return sat(env, ext(d, eb2, false) + ext(sat(env, 2 * x * y, eb2, false), eb2, false),
                   eb2, false);
    case 11:    /* VQDMLSL */
        return sat(env, ext(d, eb2, false) - ext(sat(env, 2 * x * y, eb2, false), eb2, false),
                   eb2, false);
    case 13:    /* VQDMULL */
        return sat(env, 2 * x * y, eb2, false);
    case 14:    /* VMULL.P8 */
        return pmul(a, b, 8) & 0xffff;
    default:
        g_assert_not_reached();
    }
}

/* ---- three registers ---- */

void helper_neon_3same(CPUARMState *env, uint32_t insn)
{
    bool u = (insn >> 24) & 1;
    int size = (insn >> 20) & 3, op = (insn >> 8) & 0xf, b = (insn >> 4) & 1;
    int nd = ((insn >> 6) & 1) + 1, eb = 8 << size, ne = 64 * nd / eb;
    int code = op << 1 | b;
    uint64_t vn[2], vm[2], vd[2], r[2] = { 0, 0 };

    vload(env, reg_n(insn), nd, vn);
    vload(env, reg_m(insn), nd, vm);
    vload(env, reg_d(insn), nd, vd);
    if (code == 3) {
        /* Bitwise: the size field selects the operation. */
        for (int i = 0; i < nd; i++) {
            uint64_t n = vn[i], m = vm[i], d = vd[i];

            switch (u << 2 | size) {
            case 0: r[i] = n & m; break;                    /* VAND */
            case 1: r[i] = n & ~m; break;                   /* VBIC */
            case 2: r[i] = n | m; break;                    /* VORR */
            case 3: r[i] = n | ~m; break;                   /* VORN */
            case 4: r[i] = n ^ m; break;                    /* VEOR */
            case 5: r[i] = (n & d) | (m & ~d); break;       /* VBSL */
            case 6: r[i] = (n & m) | (d & ~m); break;       /* VBIT */
            default: r[i] = (d & m) | (n & ~m); break;      /* VBIF */
            }
        }
    } else if (code == 20 || code == 21 || code == 23) {
        /* Pairwise (D only): Vn's pairs fill the low half, Vm's the high. */
        for (int i = 0; i < ne / 2; i++) {
            set_lane(r, eb, i, same_elem(env, code, u, eb, lane(vn, eb, 2 * i),
                                         lane(vn, eb, 2 * i + 1), 0));
            set_lane(r, eb, i + ne / 2, same_elem(env, code, u, eb, lane(vm, eb, 2 * i),
                                                  lane(vm, eb, 2 * i + 1), 0));
        }
    } else {
        for (int i = 0; i < ne; i++) {
            set_lane(r, eb, i, same_elem(env, code, u, eb, lane(vn, eb, i), lane(vm, eb, i),
                                         lane(vd, eb, i)));
        }
    }
    vstore(env, reg_d(insn), nd, r);
}

/* A Q result of long lanes from D operands N and M (M may be a scalar). */
static void do_long(CPUARMState *env, uint32_t insn, int op, bool u, int eb,
                    const uint64_t *vn, const uint64_t *vm)
{
    uint64_t vd[2], r[2] = { 0, 0 };
    bool wide_a = op == 1 || op == 3;

    vload(env, reg_d(insn), 2, vd);
    for (int i = 0; i < 64 / eb; i++) {
        set_lane(r, 2 * eb, i, long_elem(env, op, u, eb, lane(vn, wide_a ? 2 * eb : eb, i),
                                         lane(vm, eb, i), lane(vd, 2 * eb, i)));
    }
    vstore(env, reg_d(insn), 2, r);
}

void helper_neon_3diff(CPUARMState *env, uint32_t insn)
{
    bool u = (insn >> 24) & 1;
    int eb = 8 << ((insn >> 20) & 3), op = (insn >> 8) & 0xf;
    uint64_t vn[2], vm[2], r[2] = { 0, 0 };

    if (op == 4 || op == 6) {
        /* VADDHN, VRADDHN, VSUBHN, VRSUBHN: the high halves of Q lanes. */
        vload(env, reg_n(insn), 2, vn);
        vload(env, reg_m(insn), 2, vm);
        for (int i = 0; i < 64 / eb; i++) {
            i128 x = lane(vn, 2 * eb, i), y = lane(vm, 2 * eb, i);
            i128 v = op == 4 ? x + y : x - y;

            set_lane(r, eb, i, trunc_lane(shr_round(v, eb, u), eb));
        }
        vstore(env, reg_d(insn), 1, r);
        return;
    }
    vload(env, reg_n(insn), (op == 1 || op == 3) ? 2 : 1, vn);
    vload(env, reg_m(insn), 1, vm);
    do_long(env, insn, op, u, eb, vn, vm);
}

void helper_neon_2scalar(CPUARMState *env, uint32_t insn)
{
    bool u = (insn >> 24) & 1;
    int size = (insn >> 20) & 3, op = (insn >> 8) & 0xf, eb = 8 << size;
    int m = size == 1 ? insn & 7 : insn & 0xf;
    int idx = size == 1 ? ((insn >> 4) & 2) | ((insn >> 3) & 1) : (insn >> 5) & 1;
    uint64_t s = lane(&env->vfp.d[m], eb, idx);
    uint64_t vn[2], vm[2] = { 0, 0 }, vd[2], r[2] = { 0, 0 };
    static const int long_op[16] = { [2] = 8, [6] = 10, [10] = 12, [3] = 9, [7] = 11,
                                     [11] = 13 };

    for (int i = 0; i < 128 / eb; i++) {
        set_lane(vm, eb, i, s);
    }
    if (long_op[op]) {
        vload(env, reg_n(insn), 1, vn);
        do_long(env, insn, long_op[op], long_op[op] & 1 ? false : u, eb, vn, vm);
        return;
    }
    /* VMLA, VMLS, VMUL, VQDMULH, VQRDMULH: Q is bit 24. */
    int nd = u && (op == 0 || op == 4 || op == 8 || op >= 12) ? 2 : 1;
    int code = op == 0 ? 18 : op == 4 ? 18 : op == 8 ? 19 : 22;
    bool cu = op == 4 || op == 13;

    vload(env, reg_n(insn), nd, vn);
    vload(env, reg_d(insn), nd, vd);
    for (int i = 0; i < 64 * nd / eb; i++) {
        set_lane(r, eb, i, same_elem(env, code, cu, eb, lane(vn, eb, i), s, lane(vd, eb, i)));
    }
    vstore(env, reg_d(insn), nd, r);
}

/* ---- shifts by immediate ---- */

void helper_neon_2shift(CPUARMState *env, uint32_t insn)
{
    bool u = (insn >> 24) & 1, l = (insn >> 7) & 1, bit6 = (insn >> 6) & 1;
    int imm6 = (insn >> 16) & 0x3f, op = (insn >> 8) & 0xf;
    int eb = l ? 64 : (imm6 & 0x20) ? 32 : (imm6 & 0x10) ? 16 : 8;
    int shr = l ? 64 - imm6 : 2 * eb - imm6, shl = l ? imm6 : imm6 - eb;
    int nd = bit6 + 1, ne = 64 * nd / eb;
    uint64_t vm[2], vd[2], r[2] = { 0, 0 };

    if (op >= 8) {
        /* Narrowing (8, 9) from a Q source, or VSHLL (10) to a Q result. */
        if (op == 10) {
            vload(env, reg_m(insn), 1, vm);
            for (int i = 0; i < 64 / eb; i++) {
                set_lane(r, 2 * eb, i,
                         trunc_lane(ext(lane(vm, eb, i), eb, u) * ((i128)1 << shl), 2 * eb));
            }
            vstore(env, reg_d(insn), 2, r);
            return;
        }
        vload(env, reg_m(insn), 2, vm);
        for (int i = 0; i < 64 / eb; i++) {
            /* 8: VSHRN/VRSHRN (U=0), VQSHRUN/VQRSHRUN (U=1); 9: VQSHRN/VQRSHRN. */
            bool src_u = op == 9 ? u : false;
            i128 v = shr_round(ext(lane(vm, 2 * eb, i), 2 * eb, src_u), shr, bit6);

            if (op == 8 && !u) {
                set_lane(r, eb, i, trunc_lane(v, eb));
            } else {
                set_lane(r, eb, i, sat(env, v, eb, u));
            }
        }
        vstore(env, reg_d(insn), 1, r);
        return;
    }
    vload(env, reg_m(insn), nd, vm);
    vload(env, reg_d(insn), nd, vd);
    for (int i = 0; i < ne; i++) {
        uint64_t x = lane(vm, eb, i), d = lane(vd, eb, i), v, mask;

        switch (op) {
        case 0:     /* VSHR */
        case 1:     /* VSRA */
        case 2:     /* VRSHR */
        case 3:     /* VRSRA */
            v = shift_lane(env, x, eb, u, -shr, op & 2, false, u);
            if (op & 1) {
                v = trunc_lane((i128)v + d, eb);
            }
            break;
        case 4:     /* VSRI */
            mask = shr == eb ? 0 : lane_mask(eb) >> shr;
            v = (d & ~mask) | ((shr == eb ? 0 : x >> shr) & mask);
            break;
        case 5:     /* VSHL (U=0), VSLI (U=1) */
            mask = (lane_mask(eb) << shl) & lane_mask(eb);
            v = ((x << shl) & mask) | (u ? d & ~mask : 0);
            break;
        case 6:     /* VQSHLU: signed source, unsigned result */
            v = shift_lane(env, x, eb, false, shl, false, true, true);
            break;
        default:    /* 7: VQSHL (immediate) */
            v = shift_lane(env, x, eb, u, shl, false, true, u);
            break;
        }
        set_lane(r, eb, i, v);
    }
    vstore(env, reg_d(insn), nd, r);
}

/* ---- modified immediate ---- */

uint64_t arm_neon_expand_imm(int op, int cmode, uint32_t imm8)
{
    uint64_t imm = 0;

    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3:
        imm = (uint64_t)imm8 << (8 * (cmode >> 1));
        return imm | imm << 32;
    case 4: case 5:
        imm = (uint64_t)imm8 << (8 * ((cmode >> 1) & 1));
        return imm * 0x0001000100010001ull;
    case 6:
        imm = (cmode & 1) ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff;
        return imm | imm << 32;
    default:
        if (!(cmode & 1)) {
            if (!op) {
                return imm8 * 0x0101010101010101ull;
            }
            for (int i = 0; i < 8; i++) {
                if ((imm8 >> i) & 1) {
                    imm |= 0xffull << (8 * i);
                }
            }
            return imm;
        }
        /* cmode 1111, op 0: a single-precision constant. */
        imm = ((imm8 & 0x80) << 24) | ((imm8 & 0x40) ? 0x3e000000 : 0x40000000) |
              ((imm8 & 0x3f) << 19);
        return imm | imm << 32;
    }
}

void helper_neon_1imm(CPUARMState *env, uint32_t insn)
{
    int op = (insn >> 5) & 1, cmode = (insn >> 8) & 0xf;
    uint32_t imm8 = ((insn >> 17) & 0x80) | ((insn >> 12) & 0x70) | (insn & 0xf);
    uint64_t imm = arm_neon_expand_imm(op, cmode, imm8);
    int nd = ((insn >> 6) & 1) + 1, rd = reg_d(insn);

    for (int i = 0; i < nd; i++) {
        uint64_t *d = &env->vfp.d[(rd + i) & 31];

        if ((cmode & 1) && cmode < 12) {
            *d = op ? *d & ~imm : *d | imm;         /* VBIC, VORR */
        } else {
            *d = (op && cmode != 14) ? ~imm : imm;  /* VMVN, VMOV */
        }
    }
}

/* ---- two registers, miscellaneous ---- */

static int count_leading(uint64_t x, int eb)
{
    int n = 0;

    for (int i = eb - 1; i >= 0 && !((x >> i) & 1); i--) {
        n++;
    }
    return n;
}

void helper_neon_2misc(CPUARMState *env, uint32_t insn)
{
    int size = (insn >> 18) & 3, a = (insn >> 16) & 3, b = (insn >> 6) & 0x1f;
    int eb = 8 << size, nd = (b & 1) + 1, ne = 64 * nd / eb;
    int rd = reg_d(insn), rm = reg_m(insn);
    uint64_t vm[2], vd[2], r[2] = { 0, 0 }, r2[2] = { 0, 0 };

    vload(env, rm, nd, vm);
    vload(env, rd, nd, vd);
    if (a == 2 && b >= 8) {
        /* VMOVN, VQMOVUN, VQMOVN from Q; VSHLL (maximum shift) to Q. */
        vload(env, rm, 2, vm);
        if (b == 12) {
            for (int i = 0; i < 64 / eb; i++) {
                set_lane(r, 2 * eb, i, lane(vm, eb, i) << eb);
            }
            vstore(env, rd, 2, r);
            return;
        }
        for (int i = 0; i < 64 / eb; i++) {
            uint64_t x = lane(vm, 2 * eb, i);

            if (b == 8) {
                set_lane(r, eb, i, trunc_lane(x, eb));
            } else if (b == 9) {
                set_lane(r, eb, i, sat(env, ext(x, 2 * eb, false), eb, true));
            } else {
                set_lane(r, eb, i, sat(env, ext(x, 2 * eb, b & 1), eb, b & 1));
            }
        }
        vstore(env, rd, 1, r);
        return;
    }
    if (a == 2) {
        /* VSWP, VTRN, VUZP, VZIP: both registers are written. */
        switch (b >> 1) {
        case 0:
            vstore(env, rd, nd, vm);
            vstore(env, rm, nd, vd);
            return;
        case 1:
            for (int i = 0; i < ne; i += 2) {
                set_lane(r, eb, i, lane(vd, eb, i));
                set_lane(r, eb, i + 1, lane(vm, eb, i));
                set_lane(r2, eb, i, lane(vd, eb, i + 1));
                set_lane(r2, eb, i + 1, lane(vm, eb, i + 1));
            }
            break;
        case 2:
            for (int i = 0; i < ne; i++) {
                int j = 2 * i;
                const uint64_t *src = j < ne ? vd : vm;

                set_lane(r, eb, i, lane(src, eb, j % ne));
                set_lane(r2, eb, i, lane(src, eb, (j + 1) % ne));
            }
            break;
        default:
            for (int i = 0; i < ne; i++) {
                uint64_t *dst = i < ne / 2 ? r : r2;
                int j = i < ne / 2 ? 2 * i : 2 * (i - ne / 2);

                set_lane(dst, eb, j, lane(vd, eb, i));
                set_lane(dst, eb, j + 1, lane(vm, eb, i));
            }
            break;
        }
        vstore(env, rd, nd, r);
        vstore(env, rm, nd, r2);
        return;
    }
    if (a == 0 && (b >> 1) <= 2) {
        /* VREV64/32/16: reverse the lanes within each group of GB bits. */
        int gb = 64 >> (b >> 1), per = gb / eb;

        for (int i = 0; i < ne; i++) {
            int g = i / per, k = i % per;

            set_lane(r, eb, g * per + (per - 1 - k), lane(vm, eb, i));
        }
        vstore(env, rd, nd, r);
        return;
    }
    if (a == 0 && ((b >> 2) == 2 || (b >> 2) == 6)) {
        /* VPADDL, VPADAL: pairs added into lanes twice as wide. */
        bool u = (insn >> 7) & 1, acc = (b >> 2) == 6;

        for (int i = 0; i < ne / 2; i++) {
            i128 v = ext(lane(vm, eb, 2 * i), eb, u) + ext(lane(vm, eb, 2 * i + 1), eb, u);

            if (acc) {
                v += lane(vd, 2 * eb, i);
            }
            set_lane(r, 2 * eb, i, trunc_lane(v, 2 * eb));
        }
        vstore(env, rd, nd, r);
        return;
    }
    for (int i = 0; i < ne; i++) {
        uint64_t x = lane(vm, eb, i), v;
        i128 s = ext(x, eb, false);

        if (a == 0) {
            switch (b >> 1) {
            case 8:     /* VCLS */
                v = count_leading(s < 0 ? ~x & lane_mask(eb) : x, eb) - 1;
                break;
            case 9:     /* VCLZ */
                v = count_leading(x, eb);
                break;
            case 10:    /* VCNT */
                v = __builtin_popcountll(x);
                break;
            case 11:    /* VMVN */
                v = ~x & lane_mask(eb);
                break;
            case 14:    /* VQABS */
                v = sat(env, abs128(s), eb, false);
                break;
            default:    /* 15: VQNEG */
                v = sat(env, -s, eb, false);
                break;
            }
        } else {
            switch ((b >> 1) & 7) {
            case 0: v = s > 0 ? lane_mask(eb) : 0; break;       /* VCGT #0 */
            case 1: v = s >= 0 ? lane_mask(eb) : 0; break;      /* VCGE #0 */
            case 2: v = s == 0 ? lane_mask(eb) : 0; break;      /* VCEQ #0 */
            case 3: v = s <= 0 ? lane_mask(eb) : 0; break;      /* VCLE #0 */
            case 4: v = s < 0 ? lane_mask(eb) : 0; break;       /* VCLT #0 */
            case 6: v = trunc_lane(abs128(s), eb); break;       /* VABS */
            default: v = trunc_lane(-s, eb); break;             /* VNEG */
            }
        }
        set_lane(r, eb, i, v);
    }
    vstore(env, rd, nd, r);
}

/* ---- VEXT, VTBL/VTBX, VDUP ---- */

void helper_neon_vext(CPUARMState *env, uint32_t insn)
{
    int nd = ((insn >> 6) & 1) + 1, imm = (insn >> 8) & 0xf, nb = 8 * nd;
    uint64_t cat[4], r[2] = { 0, 0 };

    vload(env, reg_n(insn), nd, cat);
    vload(env, reg_m(insn), nd, cat + nd);
    for (int i = 0; i < nb; i++) {
        set_lane(r, 8, i, lane(cat, 8, imm + i));
    }
    vstore(env, reg_d(insn), nd, r);
}

void helper_neon_vtbl(CPUARMState *env, uint32_t insn)
{
    int len = ((insn >> 8) & 3) + 1;
    bool tbx = (insn >> 6) & 1;
    uint64_t table[4], idx = env->vfp.d[reg_m(insn)], d = env->vfp.d[reg_d(insn)], r = 0;

    vload(env, reg_n(insn), len, table);
    for (int i = 0; i < 8; i++) {
        unsigned k = (idx >> (8 * i)) & 0xff;
        uint64_t byte = k < 8u * len ? lane(table, 8, k) : tbx ? (d >> (8 * i)) & 0xff : 0;

        r |= byte << (8 * i);
    }
    env->vfp.d[reg_d(insn)] = r;
}

void helper_neon_vdup_scalar(CPUARMState *env, uint32_t insn)
{
    int imm4 = (insn >> 16) & 0xf, nd = ((insn >> 6) & 1) + 1;
    int eb = (imm4 & 1) ? 8 : (imm4 & 2) ? 16 : 32;
    int idx = imm4 >> (eb == 8 ? 1 : eb == 16 ? 2 : 3);
    uint64_t x = lane(&env->vfp.d[reg_m(insn)], eb, idx), r[2];

    for (int i = 0; i < 128 / eb; i++) {
        set_lane(r, eb, i, x);
    }
    vstore(env, reg_d(insn), nd, r);
}

/* ---- floating point (single precision lanes) ---- */

#define STD ARM_FPSCR_STANDARD
#define F32_ONE_HALF    0x3fc00000u
#define F32_TWO         0x40000000u
#define F32_THREE       0x40400000u
#define F32_HALF        0x3f000000u

static bool f32_nan(uint32_t a)
{
    return (a & 0x7fffffffu) > 0x7f800000u;
}

static bool f32_snan(uint32_t a)
{
    return f32_nan(a) && !(a & 0x00400000u);
}

static bool f32_inf(uint32_t a)
{
    return (a & 0x7fffffffu) == 0x7f800000u;
}

static bool f32_zero(uint32_t a)
{
    return !(a & 0x7fffffffu);
}

/* The standard value's flush of a denormal input to a zero of its sign. */
static uint32_t f32_flush(uint32_t a, uint32_t *flags)
{
    if (!(a & 0x7f800000u) && (a & 0x007fffffu)) {
        *flags |= ARM_FPSCR_IDC;
        return a & 0x80000000u;
    }
    return a;
}

/* NaN operands under DN: true (result the default NaN) when either is one. */
static bool f32_nans(uint32_t a, uint32_t b, uint32_t *flags)
{
    if (f32_snan(a) || f32_snan(b)) {
        *flags |= ARM_FPSCR_IOC;
    }
    return f32_nan(a) || f32_nan(b);
}

static float f32_val(uint32_t a)
{
    float x;

    memcpy(&x, &a, 4);
    return x;
}

uint32_t arm_neon_max_f32(uint32_t a, uint32_t b, bool is_min, uint32_t *flags)
{
    float x, y;

    a = f32_flush(a, flags);
    b = f32_flush(b, flags);
    if (f32_nans(a, b, flags)) {
        return ARM_VFP_DEFAULT_NAN_S;
    }
    if (f32_zero(a) && f32_zero(b)) {
        /* The sign of the zeros: max takes +0 if either is, min -0. */
        return is_min ? (a | b) : (a & b);
    }
    x = f32_val(a);
    y = f32_val(b);
    return (is_min ? x < y : x > y) ? a : b;
}

uint32_t arm_neon_cmp_f32(uint32_t a, uint32_t b, int cond, bool abs, uint32_t *flags)
{
    float x, y;

    a = f32_flush(a, flags);
    b = f32_flush(b, flags);
    if (abs) {
        a &= 0x7fffffffu;
        b &= 0x7fffffffu;
    }
    if (f32_nan(a) || f32_nan(b)) {
        if (cond != ARM_NEON_CMP_EQ || f32_snan(a) || f32_snan(b)) {
            *flags |= ARM_FPSCR_IOC;
        }
        return 0;
    }
    x = f32_val(a);
    y = f32_val(b);
    switch (cond) {
    case ARM_NEON_CMP_EQ:
        return x == y ? ~0u : 0;
    case ARM_NEON_CMP_GE:
        return x >= y ? ~0u : 0;
    default:
        return x > y ? ~0u : 0;
    }
}

/*
 * The reciprocal estimate of Q/512 (Q in 256..511): the reciprocal of the
 * interval's midpoint, (2Q + 1) / 1024, rounded to 8 fraction bits, as
 * 256..511 (units of 1/256). 2^19 / (2Q + 1) is never an odd multiple of
 * one half, so the integer rounding is exact.
 */
static uint32_t recip_estimate(uint32_t q)
{
    return ((1u << 19) / (2 * q + 1) + 1) >> 1;
}

/*
 * The reciprocal square root estimate of (2Q + 1) / 2^SHIFT (Q in
 * 128..255; SHIFT 10 for operands in [0.25, 0.5), 9 for [0.5, 1)),
 * rounded to 8 fraction bits: floor(256 / sqrt(x) + 1/2) is half the
 * smallest C with C^2 * (2Q + 1) >= 2^(SHIFT + 18), rounded down.
 */
static uint32_t rsqrt_estimate(uint32_t q, int shift)
{
    uint64_t a = 2 * q + 1, k = 1ull << (shift + 18);
    uint64_t c = (uint64_t)sqrt((double)k / (double)a);

    while (c * c * a < k) {
        c++;
    }
    while (c > 0 && (c - 1) * (c - 1) * a >= k) {
        c--;
    }
    return (uint32_t)(c >> 1);
}

uint32_t arm_neon_recpe_f32(uint32_t a, uint32_t *flags)
{
    uint32_t sign = a & 0x80000000u, exp, est;

    a = f32_flush(a, flags);
    if (f32_nan(a)) {
        if (f32_snan(a)) {
            *flags |= ARM_FPSCR_IOC;
        }
        return ARM_VFP_DEFAULT_NAN_S;
    }
    if (f32_inf(a)) {
        return sign;
    }
    if (f32_zero(a)) {
        *flags |= ARM_FPSCR_DZC;
        return sign | 0x7f800000u;
    }
    exp = (a >> 23) & 0xff;
    if (exp >= 253) {
        /* |a| >= 2^126: the reciprocal is below the normal range. */
        *flags |= ARM_FPSCR_UFC;
        return sign;
    }
    est = recip_estimate(256 + ((a >> 15) & 0xff));
    return sign | (253 - exp) << 23 | (est & 0xff) << 15;
}

uint32_t arm_neon_rsqrte_f32(uint32_t a, uint32_t *flags)
{
    uint32_t exp, est, q;

    a = f32_flush(a, flags);
    if (f32_nan(a)) {
        if (f32_snan(a)) {
            *flags |= ARM_FPSCR_IOC;
        }
        return ARM_VFP_DEFAULT_NAN_S;
    }
    if (f32_zero(a)) {
        *flags |= ARM_FPSCR_DZC;
        return (a & 0x80000000u) | 0x7f800000u;
    }
    if (a & 0x80000000u) {
        *flags |= ARM_FPSCR_IOC;
        return ARM_VFP_DEFAULT_NAN_S;
    }
    if (f32_inf(a)) {
        return 0;
    }
    exp = (a >> 23) & 0xff;
    q = 128 + ((a >> 16) & 0x7f);
    /* An odd biased exponent scales the operand into [0.25, 0.5). */
    est = rsqrt_estimate(q, (exp & 1) ? 10 : 9);
    return ((380 - exp) / 2) << 23 | (est & 0xff) << 15;
}

uint32_t arm_neon_recpe_u32(uint32_t a)
{
    if (!(a & 0x80000000u)) {
        return ~0u;
    }
    return recip_estimate(a >> 23) << 23;
}

uint32_t arm_neon_rsqrte_u32(uint32_t a)
{
    if (a < 0x40000000u) {
        return ~0u;
    }
    if (a & 0x80000000u) {
        return rsqrt_estimate(a >> 24, 9) << 23;
    }
    return rsqrt_estimate(a >> 23, 10) << 23;
}

/* Infinity times zero (after the flush) in either order. */
static bool inf_times_zero(uint32_t a, uint32_t b)
{
    return (f32_inf(a) && f32_zero(b)) || (f32_zero(a) && f32_inf(b));
}

uint32_t arm_neon_recps_f32(uint32_t a, uint32_t b, uint32_t *flags)
{
    a = f32_flush(a, flags);
    b = f32_flush(b, flags);
    if (f32_nans(a, b, flags)) {
        return ARM_VFP_DEFAULT_NAN_S;
    }
    if (inf_times_zero(a, b)) {
        return F32_TWO;
    }
    return helper_vfp_subs(F32_TWO, helper_vfp_muls(a, b, STD, flags), STD, flags);
}

uint32_t arm_neon_rsqrts_f32(uint32_t a, uint32_t b, uint32_t *flags)
{
    uint32_t r;

    a = f32_flush(a, flags);
    b = f32_flush(b, flags);
    if (f32_nans(a, b, flags)) {
        return ARM_VFP_DEFAULT_NAN_S;
    }
    if (inf_times_zero(a, b)) {
        return F32_ONE_HALF;
    }
    r = helper_vfp_subs(F32_THREE, helper_vfp_muls(a, b, STD, flags), STD, flags);
    /* 3 - a*b is zero, infinite or at least 2^-23: halving it is exact. */
    return helper_vfp_muls(r, F32_HALF, STD, flags);
}

static uint32_t lane32(const uint64_t *w, int i)
{
    return (uint32_t)(w[i / 2] >> (32 * (i & 1)));
}

static void set_lane32(uint64_t *w, int i, uint32_t x)
{
    int sh = 32 * (i & 1);

    w[i / 2] = (w[i / 2] & ~(0xffffffffull << sh)) | (uint64_t)x << sh;
}

/* d + n*m (d - n*m when SUB) with the product rounded first (VMLA/VMLS). */
static uint32_t mla_f32(uint32_t d, uint32_t n, uint32_t m, bool sub, uint32_t *fl)
{
    uint32_t p = helper_vfp_muls(n, m, STD, fl);

    return sub ? helper_vfp_subs(d, p, STD, fl) : helper_vfp_adds(d, p, STD, fl);
}

/*
 * One lane of a floating-point three-registers-same operation: CODE is
 * opc (bits 11:8) << 3 | U << 2 | bit 21 << 1 | bit 4.
 */
static uint32_t same_fp_elem(int code, uint32_t n, uint32_t m, uint32_t d, uint32_t *fl)
{
    switch (code) {
    case 13 << 3 | 0:       return helper_vfp_adds(n, m, STD, fl);
    case 13 << 3 | 2:       return helper_vfp_subs(n, m, STD, fl);
    case 13 << 3 | 4:       return helper_vfp_adds(n, m, STD, fl);        /* VPADD */
    case 13 << 3 | 6:       return helper_vfp_subs(n, m, STD, fl) & 0x7fffffffu;
    case 13 << 3 | 1:       return mla_f32(d, n, m, false, fl);
    case 13 << 3 | 3:       return mla_f32(d, n, m, true, fl);
    case 13 << 3 | 5:       return helper_vfp_muls(n, m, STD, fl);
    case 12 << 3 | 1:       return helper_vfp_fmas(d, n, m, STD, fl);       /* VFMA */
    case 12 << 3 | 3:       return helper_vfp_fmas(d, n ^ 0x80000000u, m, STD, fl);
    case 14 << 3 | 0:       return arm_neon_cmp_f32(n, m, ARM_NEON_CMP_EQ, false, fl);
    case 14 << 3 | 4:       return arm_neon_cmp_f32(n, m, ARM_NEON_CMP_GE, false, fl);
    case 14 << 3 | 6:       return arm_neon_cmp_f32(n, m, ARM_NEON_CMP_GT, false, fl);
    case 14 << 3 | 5:       return arm_neon_cmp_f32(n, m, ARM_NEON_CMP_GE, true, fl);
    case 14 << 3 | 7:       return arm_neon_cmp_f32(n, m, ARM_NEON_CMP_GT, true, fl);
    case 15 << 3 | 0:
    case 15 << 3 | 4:       return arm_neon_max_f32(n, m, false, fl);
    case 15 << 3 | 2:
    case 15 << 3 | 6:       return arm_neon_max_f32(n, m, true, fl);
    case 15 << 3 | 1:       return arm_neon_recps_f32(n, m, fl);
    case 15 << 3 | 3:       return arm_neon_rsqrts_f32(n, m, fl);
    default:
        g_assert_not_reached();
    }
}

void helper_neon_3same_fp(CPUARMState *env, uint32_t insn)
{
    int code = ((insn >> 8) & 0xf) << 3 | ((insn >> 24) & 1) << 2 | ((insn >> 21) & 1) << 1 |
               ((insn >> 4) & 1);
    int nd = ((insn >> 6) & 1) + 1;
    uint64_t vn[2], vm[2], vd[2], r[2] = { 0, 0 };
    uint32_t fl = 0;

    vload(env, reg_n(insn), nd, vn);
    vload(env, reg_m(insn), nd, vm);
    vload(env, reg_d(insn), nd, vd);
    if (code == (13 << 3 | 4) || code == (15 << 3 | 4) || code == (15 << 3 | 6)) {
        /* VPADD, VPMAX, VPMIN (D only): Vn's pair, then Vm's. */
        set_lane32(r, 0, same_fp_elem(code, lane32(vn, 0), lane32(vn, 1), 0, &fl));
        set_lane32(r, 1, same_fp_elem(code, lane32(vm, 0), lane32(vm, 1), 0, &fl));
    } else {
        for (int i = 0; i < 2 * nd; i++) {
            set_lane32(r, i, same_fp_elem(code, lane32(vn, i), lane32(vm, i), lane32(vd, i),
                                          &fl));
        }
    }
    vstore(env, reg_d(insn), nd, r);
    env->vfp.fpscr |= fl;
}

void helper_neon_2scalar_fp(CPUARMState *env, uint32_t insn)
{
    int op = (insn >> 8) & 0xf, nd = ((insn >> 24) & 1) + 1;
    uint64_t vn[2], vd[2], r[2] = { 0, 0 };
    uint32_t fl = 0, s;

    /* A 32-bit scalar is Dm[M], Dm one of D0-D15. */
    s = (uint32_t)(env->vfp.d[insn & 0xf] >> (((insn >> 5) & 1) * 32));
    vload(env, reg_n(insn), nd, vn);
    vload(env, reg_d(insn), nd, vd);
    for (int i = 0; i < 2 * nd; i++) {
        uint32_t n = lane32(vn, i);

        if (op == 9) {
            set_lane32(r, i, helper_vfp_muls(n, s, STD, &fl));
        } else {
            set_lane32(r, i, mla_f32(lane32(vd, i), n, s, op == 5, &fl));
        }
    }
    vstore(env, reg_d(insn), nd, r);
    env->vfp.fpscr |= fl;
}

void helper_neon_2misc_fp(CPUARMState *env, uint32_t insn)
{
    int a = (insn >> 16) & 3, b = (insn >> 6) & 0x1f, nd = (b & 1) + 1;
    int rd = reg_d(insn), rm = reg_m(insn);
    uint32_t fl = 0, ahp = env->vfp.fpscr & ARM_FPSCR_AHP;
    uint64_t vm[2], r[2] = { 0, 0 };

    if (a == 2) {
        /* VCVT.F16.F32 Dd, Qm (b 11000) and VCVT.F32.F16 Qd, Dm (b 11100). */
        if (b == 24) {
            vload(env, rm, 2, vm);
            for (int i = 0; i < 4; i++) {
                r[0] |= (uint64_t)helper_vfp_f32_to_f16(lane32(vm, i), STD | ahp, &fl)
                        << (16 * i);
            }
            vstore(env, rd, 1, r);
        } else {
            vload(env, rm, 1, vm);
            for (int i = 0; i < 4; i++) {
                set_lane32(r, i, helper_vfp_f16_to_f32((vm[0] >> (16 * i)) & 0xffff,
                                                       STD | ahp, &fl));
            }
            vstore(env, rd, 2, r);
        }
        env->vfp.fpscr |= fl;
        return;
    }
    vload(env, rm, nd, vm);
    for (int i = 0; i < 2 * nd; i++) {
        uint32_t x = lane32(vm, i), y;

        if (a == 1) {
            switch ((b >> 1) & 7) {
            case 0: y = arm_neon_cmp_f32(x, 0, ARM_NEON_CMP_GT, false, &fl); break;
            case 1: y = arm_neon_cmp_f32(x, 0, ARM_NEON_CMP_GE, false, &fl); break;
            case 2: y = arm_neon_cmp_f32(x, 0, ARM_NEON_CMP_EQ, false, &fl); break;
            case 3: y = arm_neon_cmp_f32(0, x, ARM_NEON_CMP_GE, false, &fl); break;  /* LE */
            case 4: y = arm_neon_cmp_f32(0, x, ARM_NEON_CMP_GT, false, &fl); break;  /* LT */
            case 6: y = x & 0x7fffffffu; break;                                     /* VABS */
            default: y = x ^ 0x80000000u; break;                                    /* VNEG */
            }
        } else if ((b & 0x18) == 0x10) {
            /* VRECPE / VRSQRTE: bit 8 float, bit 7 square root. */
            switch ((b >> 1) & 3) {
            case 0: y = arm_neon_recpe_u32(x); break;
            case 1: y = arm_neon_rsqrte_u32(x); break;
            case 2: y = arm_neon_recpe_f32(x, &fl); break;
            default: y = arm_neon_rsqrte_f32(x, &fl); break;
            }
        } else {
            /* VCVT, bits 8:7: F32.S32, F32.U32, S32.F32, U32.F32. */
            int op = (b >> 1) & 3;

            if (op < 2) {
                y = helper_vfp_fixed_to_f32(x, 32, 0, op == 0, STD, &fl);
            } else {
                y = helper_vfp_f32_to_fixed(x, 32, 0, op == 2, true, STD, &fl);
            }
        }
        set_lane32(r, i, y);
    }
    vstore(env, rd, nd, r);
    env->vfp.fpscr |= fl;
}

void helper_neon_cvt_fixed(CPUARMState *env, uint32_t insn)
{
    int nd = ((insn >> 6) & 1) + 1, frac = 64 - ((insn >> 16) & 0x3f);
    bool to_fixed = (insn >> 8) & 1, is_signed = !((insn >> 24) & 1);
    uint64_t vm[2], r[2] = { 0, 0 };
    uint32_t fl = 0;

    vload(env, reg_m(insn), nd, vm);
    for (int i = 0; i < 2 * nd; i++) {
        uint32_t x = lane32(vm, i);

        set_lane32(r, i, to_fixed
                   ? helper_vfp_f32_to_fixed(x, 32, frac, is_signed, true, STD, &fl)
                   : helper_vfp_fixed_to_f32(x, 32, frac, is_signed, STD, &fl));
    }
    vstore(env, reg_d(insn), nd, r);
    env->vfp.fpscr |= fl;
}
