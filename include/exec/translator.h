/*
 * The generic translator loop (accel/tcg/translator.c): drives a target's
 * hooks over the guest instructions of one block. See
 * docs/devel/translator-loop.md.
 */
#ifndef EXEC_TRANSLATOR_H
#define EXEC_TRANSLATOR_H

#include "qemu/osdep.h"
#include "exec/exec-all.h"

/* Why the block ends; targets add their own values from DISAS_TARGET_0. */
typedef enum DisasJumpType {
    DISAS_NEXT,         /* keep translating */
    DISAS_TOO_MANY,     /* stop: limit reached; the next pc is pc_next */
    DISAS_NORETURN,     /* the code already left the block (exception, exit) */
    DISAS_TARGET_0,
    DISAS_TARGET_1,
    DISAS_TARGET_2,
    DISAS_TARGET_3,
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    vaddr pc_first;         /* the block's first pc */
    vaddr pc_next;          /* the pc of the next instruction to translate */
    DisasJumpType is_jmp;
    int num_insns;
    int max_insns;
    /* The code page (the block never crosses it): guest base and host view. */
    vaddr page_base;
    const uint8_t *host_page;
    /* Whether goto_tb chaining is allowed (-d nochain and exec turn it off). */
    bool chain_ok;
    /*
     * Capstone mode for -d in_asm of this block: CPUClass.disas_cs_mode
     * unless init_disas_context picks another (ARM Thumb blocks, ...).
     */
    int disas_cs_mode;
} DisasContextBase;

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db, CPUState *cs);
    void (*tb_start)(DisasContextBase *db, CPUState *cs);
    void (*insn_start)(DisasContextBase *db, CPUState *cs);
    /* Translates one instruction at db->pc_next and advances it. */
    void (*translate_insn)(DisasContextBase *db, CPUState *cs);
    void (*tb_stop)(DisasContextBase *db, CPUState *cs);
} TranslatorOps;

/*
 * Translates TB (pc, flags set; page_addr and the code page found by the
 * caller) into the current TCG context: the exit-request check at entry,
 * then the hooks. The caller then calls tcg_gen_code. HOST_PAGE is the
 * host view of the page holding TB->pc.
 */
void translator_loop(CPUState *cs, TranslationBlock *tb, int max_insns,
                     const uint8_t *host_page, const TranslatorOps *ops,
                     DisasContextBase *db);

/* Fetches a little-endian 32-bit instruction word at PC (in the page). */
uint32_t translator_ldl(DisasContextBase *db, vaddr pc);

/* Whether a direct jump from the block to DEST may be chained. */
bool translator_use_goto_tb(DisasContextBase *db, vaddr dest);
/*
 * An indirect branch to PC (the guest pc, zero-extended) after which the
 * target's get_tb_cpu_state computes FLAGS: the vCPU's jump cache is
 * probed in generated code, a hit (same pc and flags, valid) jumps to the
 * block's host code, a miss calls the lookup helper as
 * tcg_gen_lookup_and_goto_ptr does (which alone is used under -d nochain
 * or exec). FLAGS must be exact: a front end that cannot tell them (state
 * the instruction may have changed) uses tcg_gen_lookup_and_goto_ptr.
 */
void translator_lookup_and_goto_ptr(DisasContextBase *db, TCGv_i64 pc, TCGv_i32 flags);

#endif
