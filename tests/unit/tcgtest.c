/*
 * Shared set-up for the translator tests.
 */
#include "tcgtest.h"

TCGCodeBuffer *tt_buf;
TCGContext *tt_ctx;
TCGv_i32 tt_r[16];
TCGv_i64 tt_x[16];
TCGv_i64 tt_pc;

void tt_setup(void)
{
    if (tt_ctx) {
        return;
    }
    tt_buf = tcg_code_buffer_new(64 * MiB, 0, &error_abort);
    tt_ctx = tcg_context_new(tt_buf);
    tcg_set_current(tt_ctx);
    tcg_set_insn_start_words(tt_ctx, 2);
    for (int i = 0; i < 16; i++) {
        char name[8];
        snprintf(name, sizeof(name), "r%d", i);
        tt_r[i] = tcg_global_mem_new_i32(tcg_env, offsetof(TestEnv, r[i]), name);
    }
    for (int i = 0; i < 16; i++) {
        char name[8];
        snprintf(name, sizeof(name), "x%d", i);
        tt_x[i] = tcg_global_mem_new_i64(tcg_env, offsetof(TestEnv, x[i]), name);
    }
    tt_pc = tcg_global_mem_new_i64(tcg_env, offsetof(TestEnv, pc), "pc");
}

void tt_begin(void)
{
    tt_setup();
    tcg_func_start(tt_ctx);
}

const void *tt_translate(TCGTranslation *t)
{
    int rc = tcg_gen_code(tt_ctx, t);
    if (rc == TCG_GEN_BUFFER_FULL) {
        tcg_code_buffer_reset(tt_buf);
        rc = tcg_gen_code(tt_ctx, t);
    }
    g_assert_cmpint(rc, ==, TCG_GEN_OK);
    return t->code;
}

uint64_t tt_mask(unsigned bits, uint64_t v)
{
    return bits == 64 ? v : (uint32_t)v;
}
