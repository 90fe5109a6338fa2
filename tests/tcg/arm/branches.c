/*
 * Control flow: calls and returns, recursion, loops, indirect calls
 * (BLX register), switch jump tables, calls across code pages (the
 * indirect lookup rather than chaining), conditional branches, and code
 * written at run time (the translation of the old code must be dropped).
 * Output compared with the host build.
 */
#include "testlib.h"

static int fib(int n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

typedef int (*binop)(int, int);

static int add(int a, int b)
{
    return a + b;
}

static int sub(int a, int b)
{
    return a - b;
}

static int mul(int a, int b)
{
    return a * b;
}

/* On its own page: calls to it leave the caller's page. */
__attribute__((noinline, aligned(4096))) static int far_func(int x)
{
    return x * 3 + 1;
}

__attribute__((noinline)) static int classify(int x)
{
    switch (x) {
    case 0: return 100;
    case 1: return 211;
    case 2: return 322;
    case 3: return 433;
    case 4: return 544;
    case 5: return 655;
    case 6: return 766;
    default: return -1;
    }
}

static volatile binop table[3] = { add, sub, mul };

#ifdef __arm__
/* Writes "mov r0, #VAL; bx lr" into CODE and calls it. */
static uint32_t code[2] __attribute__((aligned(4096)));

static int run_generated(int val)
{
    int (*fn)(void) = (int (*)(void))code;

    code[0] = 0xe3a00000 | (val & 0xff);   /* mov r0, #val */
    code[1] = 0xe12fff1e;                  /* bx lr */
    return fn();
}
#else
static int run_generated(int val)
{
    return val & 0xff;
}
#endif

int main(void);
int main(void)
{
    uint32_t collatz = 0;

    put_str("fib(20) = ");
    put_dec(fib(20));
    put_str("\n");
    for (int i = -3; i < 4; i++) {
        for (int k = 0; k < 3; k++) {
            put_dec(table[k](i, 7));
            put_str(" ");
        }
    }
    put_str("\n");
    for (int i = 0; i < 10; i++) {
        put_dec(classify(i));
        put_str(" ");
    }
    put_str("\n");
    for (uint32_t n = 1; n < 2000; n++) {
        uint32_t x = n;

        while (x != 1) {
            x = (x & 1) ? 3 * x + 1 : x / 2;
            collatz++;
        }
    }
    put_str("collatz steps ");
    put_dec(collatz);
    put_str("\n");
    put_str("far ");
    put_dec(far_func(14));
    put_str("\n");
    /* The same address runs new code each time. */
    put_str("generated ");
    put_dec(run_generated(17));
    put_str(" ");
    put_dec(run_generated(42));
    put_str(" ");
    put_dec(run_generated(99));
    put_str("\n");
    return 0;
}
