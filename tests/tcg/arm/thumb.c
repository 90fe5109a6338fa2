/*
 * Thumb (T32) specifics, with the routines in thumb-asm.S: IT blocks
 * (every condition under every NZCV), flags inside IT, CBZ/CBNZ,
 * TBB/TBH, literal loads and ADR, interworking in both directions.
 * Built for A32: main calls into Thumb and back.
 */
#include "testlib.h"

typedef uint32_t (*it_fn)(uint32_t nzcv);
#define IT_DECL(c) uint32_t t_it_##c(uint32_t nzcv);
IT_DECL(eq) IT_DECL(ne) IT_DECL(cs) IT_DECL(cc) IT_DECL(mi) IT_DECL(pl) IT_DECL(vs)
IT_DECL(vc) IT_DECL(hi) IT_DECL(ls) IT_DECL(ge) IT_DECL(lt) IT_DECL(gt) IT_DECL(le)
uint32_t t_it_flags(void);
uint32_t t_cbz(uint32_t x);
uint32_t t_cbnz(uint32_t x);
uint32_t t_tbb(uint32_t i);
uint32_t t_tbh(uint32_t i);
uint32_t t_literal(void);
uint32_t t_call_arm(uint32_t x);
uint32_t t_outer(uint32_t x);
uint32_t a_call_thumb(uint32_t (*fn)(uint32_t), uint32_t x);
uint32_t a_blx_imm(uint32_t x);

uint32_t arm_add1(uint32_t x);
uint32_t __attribute__((noinline)) arm_add1(uint32_t x)
{
    return x + 1;
}

static int failures;

static void check(const char *what, uint32_t got, uint32_t want)
{
    if (got != want) {
        put_str("FAIL ");
        put_str(what);
        put_str(": got ");
        put_hex(got);
        put_str(" want ");
        put_hex(want);
        put_str("\n");
        failures++;
    }
}

/* The architecture's condition table (N = 8, Z = 4, C = 2, V = 1). */
static uint32_t cond_holds(int c, uint32_t f)
{
    int n = !!(f & 8), z = !!(f & 4), cf = !!(f & 2), v = f & 1;
    int r;

    switch (c >> 1) {
    case 0: r = z; break;
    case 1: r = cf; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = cf && !z; break;
    case 5: r = n == v; break;
    default: r = !z && n == v; break;
    }
    return (c & 1) ? !r : r;
}

int main(void)
{
    static const it_fn fns[14] = {
        t_it_eq, t_it_ne, t_it_cs, t_it_cc, t_it_mi, t_it_pl, t_it_vs,
        t_it_vc, t_it_hi, t_it_ls, t_it_ge, t_it_lt, t_it_gt, t_it_le,
    };

    for (int c = 0; c < 14; c++) {
        for (uint32_t f = 0; f < 16; f++) {
            check("IT condition (cond << 4 | nzcv)", fns[c](f) | c << 8 | f << 4,
                  cond_holds(c, f) | c << 8 | f << 4);
        }
    }
    check("flags inside IT", t_it_flags(), 31);
    check("cbz 0", t_cbz(0), 1);
    check("cbz 5", t_cbz(5), 2);
    check("cbnz 0", t_cbnz(0), 2);
    check("cbnz 7", t_cbnz(7), 1);
    for (uint32_t i = 0; i < 3; i++) {
        check("tbb", t_tbb(i), 10 * (i + 1));
        check("tbh", t_tbh(i), 10 * (i + 1));
    }
    check("literal/adr", t_literal(), 0);
    check("thumb calls arm", t_call_arm(5), 7);
    check("thumb calls thumb", t_outer(1), 201);
    check("arm blx reg to thumb", a_call_thumb(t_outer, 2), 202);
    check("arm blx reg to thumb/arm", a_call_thumb(t_call_arm, 40), 42);
    check("arm blx imm", a_blx_imm(3), 103);
    put_str(failures ? "thumb FAILED\n" : "thumb ok\n");
    return failures;
}
