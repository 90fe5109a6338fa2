/*
 * The translator core: an IR of typed temporaries and ops, built by a guest
 * front end through tcg-op.h, optimized, register-allocated and emitted as
 * x86-64 code into a code buffer. The core knows no guest: front ends
 * describe their state as globals at offsets from the env pointer and
 * configure the guest address width, the TLB layout and the softmmu helpers
 * per context. See docs/devel/tcg.md.
 *
 * Threading: one TCGContext per translating thread. IR-building functions
 * act on the calling thread's current context (tcg_set_current). Nothing
 * else is global; a TCGCodeBuffer may be shared by several contexts.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memop.h"

typedef struct TCGContext TCGContext;
typedef struct TCGCodeBuffer TCGCodeBuffer;
typedef struct TCGLabel TCGLabel;
typedef struct TCGTemp TCGTemp;

/*
 * Temporaries. The three handle types are distinct so that a front end
 * cannot pass a 32-bit value where a 64-bit one is expected. A handle is
 * an index into the current context, valid until the next tcg_func_start
 * (globals: for the life of the context).
 */
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    TCG_TYPE_PTR = TCG_TYPE_I64,
} TCGType;

/* Comparison conditions; TSTEQ/TSTNE test (a & b) == 0 / != 0. */
typedef enum TCGCond {
    TCG_COND_NEVER,
    TCG_COND_ALWAYS,
    TCG_COND_EQ,
    TCG_COND_NE,
    TCG_COND_LT,
    TCG_COND_GE,
    TCG_COND_LE,
    TCG_COND_GT,
    TCG_COND_LTU,
    TCG_COND_GEU,
    TCG_COND_LEU,
    TCG_COND_GTU,
    TCG_COND_TSTEQ,
    TCG_COND_TSTNE,
} TCGCond;

TCGCond tcg_invert_cond(TCGCond c);   /* !(a c b)  == a inv(c) b */
TCGCond tcg_swap_cond(TCGCond c);     /* (a c b)   == b swap(c) a */
/* Evaluates a condition on two values of width 32 or 64 (C reference). */
bool tcg_eval_cond(TCGCond c, uint64_t a, uint64_t b, bool is64);

/* Memory barrier kinds for tcg_gen_mb: which earlier/later accesses are ordered. */
typedef enum TCGBar {
    TCG_MO_LD_LD = 1,
    TCG_MO_ST_LD = 2,
    TCG_MO_LD_ST = 4,
    TCG_MO_ST_ST = 8,
    TCG_MO_ALL = 15,
} TCGBar;

/* Helper calls: what the generated code must do around the call. */
typedef enum TCGCallFlags {
    TCG_CALL_DEFAULT = 0,
    /* The helper does not read guest globals: no sync before the call. */
    TCG_CALL_NO_READ_GLOBALS = 1 << 0,
    /* The helper does not write guest globals: no reload after the call. */
    TCG_CALL_NO_WRITE_GLOBALS = 1 << 1,
    /* No side effects: the call is removed if its result is unused. */
    TCG_CALL_NO_SIDE_EFFECTS = 1 << 2,
    TCG_CALL_NO_RWG = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_RWG_SE = TCG_CALL_NO_RWG | TCG_CALL_NO_SIDE_EFFECTS,
} TCGCallFlags;

/*
 * A helper callable from generated code: a C function taking up to 6
 * integer/pointer arguments and returning void, uint32_t, uint64_t or a
 * pointer (never a narrower type: only 32/64-bit results are defined).
 */
typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    unsigned flags;         /* TCGCallFlags */
} TCGHelperInfo;

#define TCG_MAX_CALL_ARGS 6
#define TCG_MAX_INSN_WORDS 3

/* Softmmu slow paths, registered by accel/tcg. The loaded value is
 * returned extended to 64 bits as the MemOp says (sign/zero) and in host
 * byte order; RETADDR is a host address inside the generated code that
 * tcg_restore_state maps back to the guest instruction. */
typedef uint64_t (*TCGLoadHelper)(void *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr);
typedef void (*TCGStoreHelper)(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                               uintptr_t retaddr);
/* Indirect-branch lookup: returns the host code of the block for the
 * current guest state, or NULL to leave to the execution loop (value 0). */
typedef const void *(*TCGLookupHelper)(void *env);

/* ---- code buffer (tcg/region.c) ---- */

/*
 * An executable buffer split into regions that contexts take one at a
 * time. Mapped twice (writable and executable) when the host allows it,
 * else read-write-execute. REGION_SIZE 0 picks a default.
 */
TCGCodeBuffer *tcg_code_buffer_new(size_t size, size_t region_size, Error **errp);
void tcg_code_buffer_free(TCGCodeBuffer *buf);
/* Discards all code: every context starts a new region on its next
 * translation. The caller guarantees no vCPU executes generated code. */
void tcg_code_buffer_reset(TCGCodeBuffer *buf);
bool tcg_code_buffer_is_dual_mapped(const TCGCodeBuffer *buf);
/* Bytes handed out to translations since the last reset. */
size_t tcg_code_buffer_used(const TCGCodeBuffer *buf);

/* ---- contexts ---- */

TCGContext *tcg_context_new(TCGCodeBuffer *buf);
void tcg_context_free(TCGContext *s);
extern __thread TCGContext *tcg_ctx;
static inline void tcg_set_current(TCGContext *s)
{
    tcg_ctx = s;
}

/* Configuration, done once per context before translating. */
void tcg_set_guest_addr_bits(TCGContext *s, unsigned bits);     /* 32 or 64 */
void tcg_set_insn_start_words(TCGContext *s, unsigned n);       /* 1..3 */
/* FAST_OFS: offset from env of CPUTLBDescFast[NB_MMU_MODES]. */
bool tcg_set_tlb_params(TCGContext *s, intptr_t fast_ofs, unsigned nb_mmu_modes,
                        unsigned page_bits, Error **errp);
void tcg_set_softmmu_helpers(TCGContext *s, TCGLoadHelper ld, TCGStoreHelper st);
void tcg_set_lookup_helper(TCGContext *s, TCGLookupHelper lookup);
void tcg_set_optimize(TCGContext *s, bool on);

/* The env pointer: a global living in a host register in generated code. */
#define tcg_env ((TCGv_ptr)(uintptr_t)1)

/* Guest state in memory at BASE(=tcg_env) + OFFSET, named for dumps. */
TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name);
TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name);
TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset, const char *name);

/* Per-translation temporaries and read-only constants. */
TCGv_i32 tcg_temp_new_i32(void);
TCGv_i64 tcg_temp_new_i64(void);
TCGv_ptr tcg_temp_new_ptr(void);
TCGv_i32 tcg_constant_i32(int32_t val);
TCGv_i64 tcg_constant_i64(int64_t val);
TCGv_ptr tcg_constant_ptr(intptr_t val);

TCGLabel *gen_new_label(void);

/* Starts a new translation in S (and makes S current). */
void tcg_func_start(TCGContext *s);

/*
 * True when the current translation should end after the guest
 * instruction being translated (temps or ops running short). Front ends
 * check it between instructions; there is room for one more instruction.
 */
bool tcg_translation_full(void);

/* Number of IR ops currently in the translation (nops excluded). */
unsigned tcg_op_count(TCGContext *s);

typedef struct TCGTranslation {
    const void *code;           /* executable entry of the block */
    size_t code_size;           /* code bytes, slow paths included */
    const void *restore_data;   /* follows the code; see tcg_restore_state */
    size_t total_size;          /* code + restore data */
    unsigned nb_insns;          /* insn_start markers seen */
    /* Patchable goto_tb jumps (n = 0, 1); TCG_NO_JUMP where absent. */
    uint16_t jmp_insn_offset[2];    /* offset of the jump's 32-bit field */
    uint16_t jmp_reset_offset[2];   /* offset the jump targets when reset */
} TCGTranslation;

#define TCG_NO_JUMP 0xffff

enum {
    TCG_GEN_OK = 0,
    TCG_GEN_BUFFER_FULL = -1,   /* flush the code buffer and retranslate */
    TCG_GEN_TOO_LARGE = -2,     /* translate fewer guest instructions */
};

/* Optimizes, allocates and emits the current translation of S. */
int tcg_gen_code(TCGContext *s, TCGTranslation *out);

/*
 * Maps HOST_PC, a return address inside the code of a translation (as
 * passed to the softmmu helpers, or a helper's return address), to the
 * insn_start words of the guest instruction whose code contains
 * HOST_PC - 1. Returns false if HOST_PC is not inside the code.
 */
bool tcg_restore_state(const void *code_start, const void *restore_data,
                       uintptr_t host_pc, uint64_t *words_out);
/* The same, also giving the guest instruction's index in the translation
 * (0 for the first insn_start) in *INDEX_OUT when not NULL. */
bool tcg_restore_state_index(const void *code_start, const void *restore_data,
                             uintptr_t host_pc, uint64_t *words_out, unsigned *index_out);

/* Points the goto_tb jump of a translation at TARGET (or back at the
 * reset offset). Atomic with respect to concurrent execution. */
void tcg_patch_goto_tb(TCGCodeBuffer *buf, const void *code, uint16_t jmp_insn_offset,
                       const void *target);

/* Enters generated code with ENV; returns the value of the exit_tb taken. */
uintptr_t tcg_qemu_tb_exec(void *env, const void *code);

/* CPU features found at startup (for tests and logs). */
bool tcg_host_has_lzcnt(void);
bool tcg_host_has_bmi1(void);

/* ---- logging (tcg/dump.c) ---- */
void tcg_dump_ops(TCGContext *s, FILE *f);
/* Disassembles host code with capstone. */
void tcg_dump_host_code(FILE *f, const void *code, size_t size);

#endif
