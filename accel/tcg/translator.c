/*
 * The generic translator loop: see include/exec/translator.h.
 */
#include "qemu/osdep.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "qemu/log.h"
#include "system/icount.h"
#include <capstone/capstone.h>

uint32_t translator_ldl(DisasContextBase *db, vaddr pc)
{
    uint32_t v;

    assert(pc - db->page_base <= TARGET_PAGE_SIZE - 4);
    memcpy(&v, db->host_page + (pc - db->page_base), 4);
    return GUINT32_FROM_LE(v);
}

bool translator_use_goto_tb(DisasContextBase *db, vaddr dest)
{
    /* Same page only: a chained jump bypasses the lookup (and its TLB). */
    return db->chain_ok && (dest & TARGET_PAGE_MASK) == db->page_base;
}

void translator_lookup_and_goto_ptr(DisasContextBase *db, TCGv_i64 pc, TCGv_i32 flags)
{
    const intptr_t cs_ofs = -(intptr_t)sizeof(CPUState);
    TCGLabel *miss;
    TCGv_ptr slot, tb;
    TCGv_i64 h, t;
    TCGv_i32 f;

    G_STATIC_ASSERT(sizeof(TranslationBlock *) == 8 && sizeof(vaddr) == 8);
    if (!db->chain_ok) {
        tcg_gen_lookup_and_goto_ptr();
        return;
    }
    miss = gen_new_label();
    slot = tcg_temp_new_ptr();
    tb = tcg_temp_new_ptr();
    h = tcg_temp_new_i64();
    t = tcg_temp_new_i64();
    f = tcg_temp_new_i32();
    /* slot = &cs->tb_jmp_cache[tb_jmp_cache_hash(pc)] */
    tcg_gen_ld_ptr(slot, tcg_env, cs_ofs + (intptr_t)offsetof(CPUState, tb_jmp_cache));
    tcg_gen_shri_i64(h, pc, 2);
    tcg_gen_shri_i64(t, pc, 2 + TB_JMP_CACHE_BITS);
    tcg_gen_xor_i64(h, h, t);
    tcg_gen_andi_i64(h, h, TB_JMP_CACHE_SIZE - 1);
    tcg_gen_shli_i64(h, h, 3);
    tcg_gen_add_ptr(slot, slot, h);
    tcg_gen_ld_ptr(tb, slot, 0);
    tcg_gen_brcondi_ptr(TCG_COND_EQ, tb, 0, miss);
    tcg_gen_ld_i64(t, tb, offsetof(TranslationBlock, pc));
    tcg_gen_brcond_i64(TCG_COND_NE, t, pc, miss);
    tcg_gen_ld_i32(f, tb, offsetof(TranslationBlock, flags));
    tcg_gen_brcond_i32(TCG_COND_NE, f, flags, miss);
    tcg_gen_ld8u_i32(f, tb, offsetof(TranslationBlock, invalid));
    tcg_gen_brcondi_i32(TCG_COND_NE, f, 0, miss);
    tcg_gen_ld_ptr(tb, tb, offsetof(TranslationBlock, tc_ptr));
    tcg_gen_goto_ptr(tb);
    gen_set_label(miss);
    tcg_gen_lookup_and_goto_ptr();
}

/*
 * icount: takes the block's instruction count from the budget at entry, or
 * leaves through TB_EXIT_ICOUNT (budget untouched) when the budget is
 * smaller. The count is known only after translation, so the code reads
 * it from the TranslationBlock (which lives as long as its code).
 */
static void gen_icount_check(TranslationBlock *tb, TCGLabel *icount_label)
{
    const intptr_t ofs = (intptr_t)offsetof(CPUState, icount_budget) - (intptr_t)sizeof(CPUState);
    TCGv_i32 budget = tcg_temp_new_i32();
    TCGv_i32 count = tcg_temp_new_i32();
    TCGv_ptr tbp = tcg_temp_new_ptr();

    tcg_gen_mov_ptr(tbp, tcg_constant_ptr((intptr_t)tb));
    tcg_gen_ld_i32(count, tbp, offsetof(TranslationBlock, icount));
    tcg_gen_ld_i32(budget, tcg_env, ofs);
    tcg_gen_brcond_i32(TCG_COND_LT, budget, count, icount_label);
    tcg_gen_sub_i32(budget, budget, count);
    tcg_gen_st_i32(budget, tcg_env, ofs);
}

static void log_in_asm(CPUState *cs, DisasContextBase *db)
{
    CPUClass *cc = CPU_GET_CLASS(cs);
    const uint8_t *code = db->host_page + (db->pc_first - db->page_base);
    size_t size = db->pc_next - db->pc_first;
    GString *out = g_string_new(NULL);
    csh handle;
    cs_insn *insn;
    size_t n;

    g_string_append_printf(out, "IN: \n");
    if (cs_open(cc->disas_cs_arch, db->disas_cs_mode, &handle) != CS_ERR_OK) {
        g_string_append_printf(out, "0x%08" PRIx64 ": (no disassembler)\n",
                               (uint64_t)db->pc_first);
    } else {
        n = cs_disasm(handle, code, size, db->pc_first, 0, &insn);
        for (size_t i = 0; i < n; i++) {
            g_string_append_printf(out, "0x%08" PRIx64 ":  %s %s\n", insn[i].address,
                                   insn[i].mnemonic, insn[i].op_str);
        }
        if (n) {
            cs_free(insn, n);
        }
        cs_close(&handle);
    }
    qemu_log("%s\n", out->str);
    g_string_free(out, TRUE);
}

void translator_loop(CPUState *cs, TranslationBlock *tb, int max_insns,
                     const uint8_t *host_page, const TranslatorOps *ops,
                     DisasContextBase *db)
{
    TCGLabel *exit_label = gen_new_label();
    TCGLabel *icount_label = icount_enabled() ? gen_new_label() : NULL;
    TCGv_i32 req = tcg_temp_new_i32();

    db->tb = tb;
    db->pc_first = tb->pc;
    db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns;
    db->page_base = tb->pc & TARGET_PAGE_MASK;
    db->host_page = host_page;
    db->chain_ok = !qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN | CPU_LOG_EXEC);
    db->disas_cs_mode = CPU_GET_CLASS(cs)->disas_cs_mode;

    ops->init_disas_context(db, cs);

    /* Leave before the first instruction when another thread asked. */
    tcg_gen_ld_i32(req, tcg_env,
                   (intptr_t)offsetof(CPUState, exit_request) - (intptr_t)sizeof(CPUState));
    tcg_gen_brcondi_i32(TCG_COND_NE, req, 0, exit_label);
    if (icount_label) {
        gen_icount_check(tb, icount_label);
    }
    ops->tb_start(db, cs);

    for (;;) {
        db->num_insns++;
        ops->insn_start(db, cs);
        ops->translate_insn(db, cs);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns || tcg_translation_full() ||
            (db->pc_next & TARGET_PAGE_MASK) != db->page_base) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cs);
    gen_set_label(exit_label);
    tcg_gen_exit_tb(tb, TB_EXIT_REQUESTED);
    if (icount_label) {
        gen_set_label(icount_label);
        tcg_gen_exit_tb(tb, TB_EXIT_ICOUNT);
    }

    tb->size = db->pc_next - db->pc_first;
    tb->icount = db->num_insns;
    if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM)) {
        log_in_asm(cs, db);
    }
}
