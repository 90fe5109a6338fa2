/*
 * The execution engine (accel/tcg): translation blocks, the vCPU
 * execution loop, the softmmu TLB and the exits from helpers. Knows no
 * guest: targets plug in through CPUClass (include/hw/core/cpu.h) and the
 * translator loop (include/exec/translator.h).
 */
#ifndef EXEC_EXEC_ALL_H
#define EXEC_EXEC_ALL_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "exec/cpu-common.h"
#include "tcg/tcg.h"

/* Largest block, in guest instructions. */
#define TCG_MAX_INSNS 512

/* Values of the low bits of tcg_qemu_tb_exec's result (tb + idx). */
#define TB_EXIT_IDX0        0   /* goto_tb(0) not chained: chain candidate */
#define TB_EXIT_IDX1        1
#define TB_EXIT_ICOUNT      2   /* icount: the budget is short of the block's count */
#define TB_EXIT_REQUESTED   3   /* exit_request seen at block entry */
#define TB_EXIT_MASK        3

struct TranslationBlock {
    vaddr pc;                   /* guest pc of the first instruction */
    uint32_t flags;             /* target's CPUTBState.flags */
    ram_addr_t page_addr;       /* ram address of the first code page */
    /* RAM_ADDR_MAX, or the ram address of the next page when the code
     * runs past the first page's end (a T32 instruction across it): writes
     * there invalidate the block too. */
    ram_addr_t page_addr2;
    /* Part of the key: 0, or the instruction limit of a block translated
     * short for icount (budget end, MMIO as last instruction). */
    uint32_t insn_limit;
    uint32_t size;              /* guest bytes */
    uint32_t icount;            /* guest instructions */
    const void *tc_ptr;         /* host code */
    size_t size_code;           /* host code bytes */
    const void *restore_data;
    uint16_t jmp_insn_offset[2];
    uint16_t jmp_reset_offset[2];
    TranslationBlock *jmp_dest[2];  /* where each goto_tb is chained to */
    GSList *jmp_incoming;       /* (tb | n) of blocks chained into this one */
    bool invalid;
};

/* ---- execution loop (accel/tcg/cpu-exec.c) ---- */

/* The slot of PC in CPUState.tb_jmp_cache (generated code computes the same). */
static inline unsigned tb_jmp_cache_hash(vaddr pc)
{
    return (pc >> 2 ^ pc >> (2 + TB_JMP_CACHE_BITS)) & (TB_JMP_CACHE_SIZE - 1);
}

/*
 * Runs CS until it must stop: an exit request (EXCP_INTERRUPT), a halt
 * (EXCP_HLT) or a debug stop. Returns the reason. Takes guest exceptions
 * and interrupts itself.
 */
int cpu_exec(CPUState *cs);

/* Leaves generated code back to cpu_exec (from helpers). Does not return. */
G_NORETURN void cpu_loop_exit(CPUState *cs);
/* Same, first restoring the guest state of the instruction at RETADDR
 * (a host return address inside generated code; 0: state is current). */
G_NORETURN void cpu_loop_exit_restore(CPUState *cs, uintptr_t retaddr);
/* Sets exception_index and leaves (restoring from RETADDR if nonzero). */
G_NORETURN void cpu_raise_exception(CPUState *cs, int excp, uintptr_t retaddr);
/* Restores the guest state of the instruction at RETADDR; false if
 * RETADDR is not in generated code. */
bool cpu_restore_state(CPUState *cs, uintptr_t retaddr);

/*
 * icount: called before an MMIO access made from generated code at
 * RETADDR. When the accessing instruction is not the last of its block,
 * restores its state, asks for a one-instruction block there and leaves
 * (does not return): the access then happens as its block's last
 * instruction, when the clock counts exactly the instructions up to it.
 */
void cpu_icount_io_check(CPUState *cs, uintptr_t retaddr);

/* Drops every translation (the code buffer is reset). vCPUs must be out
 * of generated code (true in the single vCPU thread between blocks). */
void tb_flush(void);
/* Invalidates the blocks whose code lies in [START, START + LEN) of RAM. */
void tb_invalidate_phys_range(ram_addr_t start, ram_addr_t len);
/* Statistics for tests and reports. */
typedef struct TBStats {
    uint64_t translated;        /* blocks translated since start */
    uint64_t flushes;           /* tb_flush calls */
    uint64_t invalidated;       /* blocks dropped by code writes */
    uint64_t chained;           /* goto_tb jumps patched */
} TBStats;
void tb_get_stats(TBStats *out);
/* Per-thread translator setup; called by the vCPU thread before cpu_exec.
 * Also fine from tests. */
void tcg_exec_init_thread(CPUState *cs);
/* The indirect-branch lookup targets register with tcg_set_lookup_helper. */
TCGLookupHelper tcg_exec_lookup_helper(void);
/* Size of the code buffer created on first use (0: the default, 64 MiB).
 * For tests of the flush path; only before the buffer exists. */
void tcg_exec_set_code_buffer_size(size_t size);
/* Frees the calling thread's translator context (thread exit). */
void tcg_exec_exit_thread(void);
/* Frees the code buffer and all blocks (qemu_cleanup, tests). */
void tcg_exec_cleanup(void);

/* ---- softmmu (accel/tcg/cputlb.c) ---- */

/* Maps the page of ADDR to guest physical PADDR for MMU_IDX, with PROT
 * (PAGE_READ | PAGE_WRITE | PAGE_EXEC). Called from CPUClass.tlb_fill. */
#define PAGE_READ   1
#define PAGE_WRITE  2
#define PAGE_EXEC   4
void tlb_set_page(CPUState *cs, vaddr addr, uint64_t paddr, int prot, int mmu_idx);
/*
 * The same for a mapping of SIZE bytes (a power of two >= the page size)
 * of which ADDR's page is one: a later page flush anywhere in the
 * mapping drops the mode's whole TLB (entries are per page).
 */
void tlb_set_page_sized(CPUState *cs, vaddr addr, uint64_t paddr, int prot, int mmu_idx,
                        uint64_t size);
void tlb_flush(CPUState *cs);
void tlb_flush_page(CPUState *cs, vaddr addr);
/* Flushes the TLBs of every vCPU (e.g. a page became code). */
void tlb_flush_all_cpus(void);
/* The same restricted to the MMU indexes of IDXMAP (bit n: index n). */
void tlb_flush_by_mmuidx(CPUState *cs, uint16_t idxmap);
void tlb_flush_page_by_mmuidx(CPUState *cs, vaddr addr, uint16_t idxmap);
void tlb_flush_by_mmuidx_all_cpus(uint16_t idxmap);
void tlb_flush_page_by_mmuidx_all_cpus(vaddr addr, uint16_t idxmap);
void tlb_flush_page_all_cpus(vaddr addr);
/* Entries of the victim TLB per MMU mode (consulted on a miss). */
#define CPU_VTLB_SIZE 8
/* Drops the slow-path records of CS (CPU unrealize). */
void tlb_destroy_cpu(CPUState *cs);
/* The slow paths registered with the translator. */
uint64_t helper_ld_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr);
void helper_st_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t retaddr);
/*
 * Instruction fetch for the translator: ADDR's ram address (the code page)
 * and a host pointer to the page, or false when the code is not in RAM
 * (raises nothing; the target raises its prefetch abort).
 */
bool get_page_addr_code(CPUState *cs, vaddr addr, int mmu_idx, ram_addr_t *ram_out,
                        const uint8_t **host_out);
/* Loads for helpers (with fault handling through RETADDR). */
uint32_t cpu_ldl_mmu(void *env, vaddr addr, int mmu_idx, uintptr_t retaddr);
uint8_t cpu_ldub_mmu(void *env, vaddr addr, int mmu_idx, uintptr_t retaddr);
void cpu_stb_mmu(void *env, vaddr addr, uint8_t val, int mmu_idx, uintptr_t retaddr);

#endif
