/*
 * Private structures of the translator core, shared by the files of tcg/.
 */
#ifndef TCG_INTERNAL_H
#define TCG_INTERNAL_H

#include "tcg/tcg.h"
#include "x86_64/target.h"

typedef uint64_t TCGArg;

enum {
    TCG_OPF_BB_END = 1 << 0,        /* ends a basic block: state to memory */
    TCG_OPF_BB_EXIT = 1 << 1,       /* leaves the translation: temps die */
    TCG_OPF_SIDE_EFFECTS = 1 << 2,  /* never removed */
    TCG_OPF_CALL_CLOBBER = 1 << 3,  /* clobbers caller-saved regs, syncs globals */
    TCG_OPF_64BIT = 1 << 4,
    TCG_OPF_NOT_PRESENT = 1 << 5,
    TCG_OPF_COND_BRANCH = 1 << 6,
    TCG_OPF_ALIAS = 1 << 7,         /* output 0 may share input 0's register */
    TCG_OPF_NORETURN = 1 << 8,      /* code after it is unreachable */
    TCG_OPF_SYNC_GLOBALS = 1 << 9,  /* globals written back before it */
};

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
    NB_OPS,
} TCGOpcode;

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint16_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

typedef enum TCGTempKind {
    TEMP_FIXED,     /* lives in a host register for the whole block (env) */
    TEMP_GLOBAL,    /* guest state in memory at env + mem_offset */
    TEMP_TB,        /* per-translation temporary, frame slot when spilled */
    TEMP_CONST,     /* read-only constant */
} TCGTempKind;

typedef enum TCGTempVal {
    TEMP_VAL_MEM,   /* value only in its memory home */
    TEMP_VAL_REG,   /* value in host register REG (and maybe in memory) */
    TEMP_VAL_DEAD,  /* no value (temp not yet written or dead) */
    TEMP_VAL_CONST, /* known constant RVAL, not yet materialized anywhere */
} TCGTempVal;

struct TCGTemp {
    TCGType type;
    TCGTempKind kind;
    int64_t val;                /* TEMP_CONST */
    intptr_t mem_offset;        /* TEMP_GLOBAL: from env; TEMP_TB: frame slot */
    const char *name;           /* globals */
    /* register allocation */
    TCGTempVal val_type;
    int reg;
    int64_t rval;               /* TEMP_VAL_CONST */
    bool mem_coherent;          /* memory home holds the current value */
    bool has_slot;
    bool ebb_local;             /* only used inside one basic block */
    /* optimizer: facts are valid only while opt_epoch matches the pass's */
    bool opt_const;
    int64_t opt_val;
    int opt_copy;               /* index of the temp this is a copy of, or -1 */
    uint32_t opt_copy_gen;      /* the source's opt_gen when copied */
    uint32_t opt_gen;           /* bumped at each write */
    uint32_t opt_epoch;
};

#define TCG_MAX_OP_ARGS 10

typedef struct TCGOp {
    uint16_t opc;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    /* liveness: bit i set = argument i is dead after this op */
    uint16_t dead;
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

typedef struct TCGRelocation {
    uint32_t offset;            /* of a rel32 field in the code */
} TCGRelocation;

struct TCGLabel {
    unsigned id;
    bool has_value;
    bool referenced;
    uint32_t value;             /* code offset once emitted */
    GArray *relocs;             /* TCGRelocation */
};

/* A softmmu access whose slow path is emitted after the block's code. */
typedef struct TCGLdstSlow {
    bool is_ld;
    bool is64;
    MemOpIdx oi;
    int addr_reg;               /* holds the zero-extended address (kept) */
    int data_reg;
    uint32_t jne_offset;        /* rel32 field of the branch to the slow path */
    uint32_t done_offset;       /* where to resume: the return address */
} TCGLdstSlow;

#define TCG_MAX_TEMPS 8192
#define TCG_FRAME_SLOTS 512
#define TCG_MAX_OPS_SOFT 16000

struct TCGContext {
    TCGCodeBuffer *buf;
    /* configuration */
    unsigned addr_bits;
    unsigned insn_start_words;
    bool optimize;
    bool tlb_configured;
    intptr_t tlb_fast_ofs;
    unsigned tlb_nb_modes;
    unsigned page_bits;
    TCGLoadHelper ld_helper;
    TCGStoreHelper st_helper;
    TCGLookupHelper lookup_helper;
    TCGHelperInfo lookup_info;

    /* IR */
    int nb_globals;
    int nb_temps;
    TCGTemp *temps;             /* TCG_MAX_TEMPS */
    TCGOp *ops;
    unsigned nb_ops, ops_alloc;
    GPtrArray *labels;
    GHashTable *consts[2];      /* value -> temp index + 1, per type */

    /* code generation */
    uint8_t *region_ptr;        /* free part of the current region (writable) */
    uint8_t *region_end;
    uint64_t region_gen;        /* buffer generation the region belongs to */
    uint8_t *code_buf;          /* writable view of the translation start */
    uint8_t *code_ptr;          /* writable */
    uint8_t *code_end;          /* writable limit (region end) */
    ptrdiff_t rx_diff;          /* executable address - writable address */
    bool code_overflow;
    bool frame_overflow;
    int reg_to_temp[TCG_TARGET_NB_REGS];    /* temp index or -1 */
    uint32_t reserved_regs;
    uint32_t locked_regs;       /* in use by the op being emitted */
    uint8_t slot_used[TCG_FRAME_SLOTS];
    GArray *ldst;               /* TCGLdstSlow */
    GArray *insn_end;           /* uint32_t: code offset where insn i ends */
    GArray *insn_words;         /* uint64_t * insn_start_words */
    GArray *const_pending;      /* int: temps that may be in TEMP_VAL_CONST */
    GArray *nonlocal_temps;     /* int: TEMP_TB temps used in several blocks */
    uint32_t opt_epoch;
    uint16_t jmp_insn_offset[2];
    uint16_t jmp_reset_offset[2];
};

static inline int temp_idx(TCGContext *s, TCGTemp *t)
{
    return (int)(t - s->temps);
}

static inline TCGTemp *arg_temp(TCGContext *s, TCGArg a)
{
    return &s->temps[a];
}

static inline size_t tcg_current_code_size(TCGContext *s)
{
    return s->code_ptr - s->code_buf;
}

/* tcg.c */
TCGOp *tcg_emit_op(TCGOpcode opc, unsigned nb_oargs, unsigned nb_iargs, unsigned nb_cargs);
bool tcg_op_is_64(const TCGOp *op);
TCGTemp *tcg_temp_const(TCGContext *s, TCGType type, int64_t val);
void tcg_op_set_mov(TCGContext *s, TCGOp *op, TCGArg dst, TCGArg src);

/* region.c */
bool tcg_region_alloc(TCGCodeBuffer *buf, uint8_t **rw_start, uint8_t **rw_end,
                      ptrdiff_t *rx_diff);
uint64_t tcg_region_generation(TCGCodeBuffer *buf);
uint8_t *tcg_code_rw(TCGCodeBuffer *buf, const void *rx);

/* optimize.c, liveness.c, regalloc.c */
void tcg_optimize(TCGContext *s);
void tcg_liveness(TCGContext *s);
void tcg_reg_alloc_code(TCGContext *s);

/* x86_64/emit.c: primitives used by the allocator */
void tcg_target_init(void);
bool tcg_target_const_ok(const TCGOp *op, unsigned arg, int64_t val);
uint32_t tcg_target_op_clobbers(TCGContext *s, const TCGOp *op);
void tcg_out_mov(TCGContext *s, TCGType type, int dst, int src);
void tcg_out_movi(TCGContext *s, TCGType type, int dst, int64_t val);
void tcg_out_ld(TCGContext *s, TCGType type, int dst, int base, intptr_t ofs);
void tcg_out_st(TCGContext *s, TCGType type, int src, int base, intptr_t ofs);
void tcg_out_sti(TCGContext *s, TCGType type, int64_t val, int base, intptr_t ofs);
void tcg_out_op(TCGContext *s, const TCGOp *op, const int *regs, const bool *is_const,
                const int64_t *cval);
void tcg_out_call(TCGContext *s, const void *func);
void tcg_out_exit_tb(TCGContext *s, uintptr_t val);
void tcg_out_goto_tb(TCGContext *s, unsigned n);
void tcg_out_goto_ptr(TCGContext *s, int reg);
void tcg_out_br(TCGContext *s, TCGLabel *l);
void tcg_out_brcond(TCGContext *s, bool is64, TCGCond cond, int a, bool b_const, int b,
                    int64_t bval, TCGLabel *l);
void tcg_out_label(TCGContext *s, TCGLabel *l);
/* x86_64/emit-ldst.c */
void tcg_out_qemu_ld(TCGContext *s, bool is64, int data_reg, int addr_reg, MemOpIdx oi);
void tcg_out_qemu_st(TCGContext *s, bool is64, int data_reg, bool data_const,
                     int64_t data_val, int addr_reg, MemOpIdx oi);
void tcg_out_ldst_slow_paths(TCGContext *s);

#endif
