/*
 * Function calls and indirect branches: function-pointer dispatch and a
 * small bytecode interpreter with a switch.
 */
#include "bench.h"

typedef uint32_t (*op_fn)(uint32_t, uint32_t);

static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op_rot(uint32_t a, uint32_t b) { return (a << (b & 31)) | (a >> (-b & 31)); }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * (b | 1); }

static op_fn const ops[4] = { op_add, op_xor, op_rot, op_mul };

__attribute__((noinline)) static uint32_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

enum { OP_PUSH, OP_ADD, OP_SUB, OP_DUP, OP_SWAP, OP_JNZ, OP_DEC, OP_XOR, OP_HALT };

static uint32_t interp(const uint8_t *code, uint32_t n)
{
    uint32_t stack[16];
    int sp = 0, pc = 0;

    stack[sp++] = 0;
    stack[sp++] = n;
    for (;;) {
        uint8_t op = code[pc++];
        switch (op) {
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_SWAP: {
            uint32_t t = stack[sp - 1];
            stack[sp - 1] = stack[sp - 2];
            stack[sp - 2] = t;
            break;
        }
        case OP_JNZ: {
            uint8_t target = code[pc++];
            if (stack[sp - 1]) {
                pc = target;
            }
            break;
        }
        case OP_DEC: stack[sp - 1]--; break;
        case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        default: return stack[sp - 2] + stack[sp - 1];
        }
    }
}

/* stack: sum n. loop: sum = ((sum + 7) ^ 0x5a) - 1; while (--n) */
static const uint8_t loop_prog[] = {
    /* 0: */ OP_SWAP,                           /* n sum */
    /* 1: */ OP_PUSH, 7, OP_ADD,                /* n sum+7 */
    /* 4: */ OP_PUSH, 0x5a, OP_XOR,             /* n (sum+7)^0x5a */
    /* 7: */ OP_PUSH, 1, OP_SUB,                /* n sum' */
    /* 10: */ OP_SWAP, OP_DEC,                  /* sum' n-1 */
    /* 12: */ OP_JNZ, 0,
    /* 14: */ OP_HALT,
};

int main(void)
{
    uint32_t acc = 1, v = 0;

    for (uint32_t i = 0; i < 2000000; i++) {
        acc = ops[(acc ^ i) & 3](acc, i);
    }
    v += fib(27);
    for (int r = 0; r < 800; r++) {
        v += interp(loop_prog, 200 + r);
    }
    return bench_check("dispatch", acc ^ v, 0x0e5b5208u);
}
