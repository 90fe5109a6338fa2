/*
 * The abstract CPU (TYPE_CPU): the state every guest CPU shares with the
 * execution engine (accel/tcg) and the vCPU thread (system/cpus.c), and
 * the hooks a target implements. A target's CPU object embeds CPUState
 * first and its architectural state ("env") after it; CPUClass.env_offset
 * says where env is, so that generated code (which addresses env) can
 * reach CPUState fields at a negative offset.
 */
#ifndef HW_CORE_CPU_H
#define HW_CORE_CPU_H

#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "exec/tlb-common.h"
#include "exec/memop.h"
#include <setjmp.h>

#define TYPE_CPU "cpu"
OBJECT_DECLARE_TYPE(CPUState, CPUClass, CPU)

typedef uint64_t vaddr;
typedef struct TranslationBlock TranslationBlock;

/* Upper bound of the MMU modes any target uses (the TLB arrays). */
#define CPU_MAX_MMU_MODES 8
/* Entries per MMU mode in the softmmu TLB (a power of two). */
#define CPU_TLB_SIZE 256
/* Per-vCPU jump cache, indexed by a hash of the guest pc. */
#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

/* Bits of CPUState.interrupt_request. */
#define CPU_INTERRUPT_HARD  (1u << 1)   /* the IRQ line */
#define CPU_INTERRUPT_FIQ   (1u << 2)
#define CPU_INTERRUPT_EXITTB (1u << 3)  /* leave the current block, nothing more */
#define CPU_INTERRUPT_VIRQ  (1u << 4)   /* virtual IRQ (targets with one) */
#define CPU_INTERRUPT_VFIQ  (1u << 5)

/* Values of exception_index outside the target's own exception numbers. */
#define EXCP_INTERRUPT  0x10000     /* the loop was asked to stop (exit_request) */
#define EXCP_HLT        0x10001     /* WFI: sleep until an interrupt */
#define EXCP_HALTED     0x10002

/* The target's translation state at a block boundary. */
typedef struct CPUTBState {
    vaddr pc;
    uint32_t flags;
} CPUTBState;

struct CPUState {
    DeviceState parent_obj;

    int cpu_index;
    bool halted;
    /* Set by another thread (or a device) to make the vCPU leave generated
     * code at the next block entry; read by generated code as an int32. */
    int32_t exit_request;
    int exception_index;
    uint32_t interrupt_request;
    /* The target's env (architectural state), inside the same object. */
    void *env_ptr;

    /* softmmu TLB: the fast descriptors live in env (the translator
     * addresses them); TLB points at them. Tables are owned here. */
    CPUTLBDescFast *tlb_fast;
    unsigned nb_mmu_modes;
    CPUTLBEntry *tlb_table[CPU_MAX_MMU_MODES];
    /* address_space_memory generation the TLB was filled under */
    uint64_t tlb_as_generation;

    /* Recently run blocks by pc (accel/tcg). */
    TranslationBlock **tb_jmp_cache;
    /* Where cpu_loop_exit unwinds to; valid while cpu_exec runs. */
    sigjmp_buf jmp_env;
    bool in_exec;
    /* Guest instructions of the blocks entered from cpu_exec's loop (not
     * through chained jumps or the indirect lookup): a lower bound. */
    uint64_t insns_executed;
} __attribute__((aligned(16)));

struct CPUClass {
    DeviceClass parent_class;

    /* Offset of env from the start of the CPU object. */
    ptrdiff_t env_offset;
    /* Number of MMU modes the target uses (<= CPU_MAX_MMU_MODES) and the
     * offset in env of its CPUTLBDescFast array. */
    unsigned nb_mmu_modes;
    ptrdiff_t tlb_fast_offset;

    /* Architectural reset (registers); called by the device reset. */
    void (*cpu_reset)(CPUState *cs);
    bool (*has_work)(CPUState *cs);
    /* Takes the exception in exception_index (entry into the handler). */
    void (*do_interrupt)(CPUState *cs);
    /* Checks pending interrupt_request bits; true if one was taken. */
    bool (*cpu_exec_interrupt)(CPUState *cs, uint32_t request);
    void (*set_pc)(CPUState *cs, vaddr pc);
    vaddr (*get_pc)(CPUState *cs);
    /* "info registers" and -d cpu. */
    void (*dump_state)(CPUState *cs, FILE *f, int flags);
    /* Guest physical address of ADDR for debuggers; -1 if unmapped. */
    uint64_t (*get_phys_page_debug)(CPUState *cs, vaddr addr);
    /*
     * Fills the TLB for ADDR (tlb_set_page). On a fault: returns false if
     * PROBE, else raises the guest exception (cpu_loop_exit_restore with
     * RETADDR) and does not return.
     */
    bool (*tlb_fill)(CPUState *cs, vaddr addr, int size, MMUAccessType type, int mmu_idx,
                     bool probe, uintptr_t retaddr);
    /*
     * An access whose MemOp asks for an alignment ADDR does not have
     * (MO_ALIGN...): raises the guest's alignment fault (state restored
     * from RETADDR) and does not return. NULL: such accesses proceed.
     */
    void (*do_unaligned_access)(CPUState *cs, vaddr addr, MMUAccessType type, int mmu_idx,
                                uintptr_t retaddr);

    /* ---- translation (accel/tcg) ---- */
    /* Sets up the current thread's translator context (globals, helpers). */
    void (*tcg_init)(CPUState *cs);
    void (*get_tb_cpu_state)(CPUState *cs, CPUTBState *st);
    /* The MMU index instructions of a block with ST are fetched with. */
    int (*code_mmu_idx)(CPUState *cs, const CPUTBState *st);
    /* Translates the block TB->pc/flags of at most MAX_INSNS instructions. */
    void (*translate_code)(CPUState *cs, TranslationBlock *tb, int max_insns);
    /* Sets the guest state from the insn_start words of a block's insn. */
    void (*restore_state_to_opc)(CPUState *cs, const TranslationBlock *tb,
                                 const uint64_t *words);
    /* Disassembly of guest code for -d in_asm (capstone arch and mode). */
    int disas_cs_arch, disas_cs_mode;
};

/* The vCPUs in creation order. */
extern GPtrArray *cpus_list;
#define CPU_FOREACH(cpu) \
    for (guint cpu##_i_ = 0; cpus_list && cpu##_i_ < cpus_list->len && \
         ((cpu) = g_ptr_array_index(cpus_list, cpu##_i_)); cpu##_i_++)
CPUState *qemu_get_cpu(int index);

/* Creates TYPEname as a CPU; realize it with qdev_realize. */
CPUState *cpu_create(const char *typename, Error **errp);
void cpu_reset(CPUState *cs);
void cpu_dump_state(CPUState *cs, FILE *f, int flags);

/* Asks the vCPU to leave generated code soon (any thread). */
void cpu_exit(CPUState *cs);
void cpu_interrupt(CPUState *cs, uint32_t mask);
void cpu_reset_interrupt(CPUState *cs, uint32_t mask);

static inline void *cpu_env(CPUState *cs)
{
    return cs->env_ptr;
}

/*
 * The CPUState of an env pointer (from helpers). Targets place env right
 * after CPUState (CPUClass.env_offset == sizeof(CPUState), checked when
 * the class is registered); CPUState is 16-byte aligned for that.
 */
static inline CPUState *env_cpu(void *env)
{
    return (CPUState *)((char *)env - sizeof(CPUState));
}

#endif
