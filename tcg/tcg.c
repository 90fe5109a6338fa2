/*
 * Translator core: contexts, temporaries, labels, the op list, the
 * translation pipeline (optimize -> liveness -> allocate+emit) and the
 * per-instruction restore data that follows each block's code.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "exec/tlb-common.h"
#include "tcg-internal.h"

__thread TCGContext *tcg_ctx;

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) [INDEX_op_##n] = { #n, o, i, c, f },
#include "tcg/tcg-opc.h"
};

TCGCond tcg_invert_cond(TCGCond c)
{
    static const TCGCond inv[] = {
        [TCG_COND_NEVER] = TCG_COND_ALWAYS, [TCG_COND_ALWAYS] = TCG_COND_NEVER,
        [TCG_COND_EQ] = TCG_COND_NE, [TCG_COND_NE] = TCG_COND_EQ,
        [TCG_COND_LT] = TCG_COND_GE, [TCG_COND_GE] = TCG_COND_LT,
        [TCG_COND_LE] = TCG_COND_GT, [TCG_COND_GT] = TCG_COND_LE,
        [TCG_COND_LTU] = TCG_COND_GEU, [TCG_COND_GEU] = TCG_COND_LTU,
        [TCG_COND_LEU] = TCG_COND_GTU, [TCG_COND_GTU] = TCG_COND_LEU,
        [TCG_COND_TSTEQ] = TCG_COND_TSTNE, [TCG_COND_TSTNE] = TCG_COND_TSTEQ,
    };
    return inv[c];
}

TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT: return TCG_COND_GT;
    case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;
    case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default: return c;
    }
}

bool tcg_eval_cond(TCGCond c, uint64_t a, uint64_t b, bool is64)
{
    if (!is64) {
        a = (uint32_t)a;
        b = (uint32_t)b;
    }
    int64_t sa = is64 ? (int64_t)a : (int32_t)a;
    int64_t sb = is64 ? (int64_t)b : (int32_t)b;
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    case TCG_COND_TSTEQ: return (a & b) == 0;
    case TCG_COND_TSTNE: return (a & b) != 0;
    }
    g_assert_not_reached();
}

/* ---- contexts ---- */

static TCGTemp *new_temp(TCGContext *s, TCGType type, TCGTempKind kind)
{
    /* Front ends stop a block when tcg_translation_full() says so. */
    g_assert(s->nb_temps < TCG_MAX_TEMPS);
    TCGTemp *t = &s->temps[s->nb_temps++];
    memset(t, 0, sizeof(*t));
    t->type = type;
    t->kind = kind;
    t->reg = -1;
    t->opt_copy = -1;
    return t;
}

TCGContext *tcg_context_new(TCGCodeBuffer *buf)
{
    TCGContext *s = g_new0(TCGContext, 1);
    s->temps = g_new0(TCGTemp, TCG_MAX_TEMPS);

    tcg_target_init();
    s->buf = buf;
    s->addr_bits = 64;
    s->insn_start_words = 1;
    s->optimize = true;
    s->labels = g_ptr_array_new();
    s->consts[0] = g_hash_table_new(g_int64_hash, g_int64_equal);
    s->consts[1] = g_hash_table_new(g_int64_hash, g_int64_equal);
    s->ldst = g_array_new(false, false, sizeof(TCGLdstSlow));
    s->insn_end = g_array_new(false, false, sizeof(uint32_t));
    s->insn_words = g_array_new(false, false, sizeof(uint64_t));
    s->const_pending = g_array_new(false, false, sizeof(int));
    s->nonlocal_temps = g_array_new(false, false, sizeof(int));
    s->jmp_insn_offset[0] = s->jmp_insn_offset[1] = TCG_NO_JUMP;

    TCGTemp *env = new_temp(s, TCG_TYPE_PTR, TEMP_FIXED);
    env->name = "env";
    env->reg = TCG_AREG0;
    env->val_type = TEMP_VAL_REG;
    s->nb_globals = s->nb_temps;
    return s;
}

static void free_labels(TCGContext *s)
{
    for (unsigned i = 0; i < s->labels->len; i++) {
        TCGLabel *l = g_ptr_array_index(s->labels, i);
        g_array_free(l->relocs, true);
        g_free(l);
    }
    g_ptr_array_set_size(s->labels, 0);
}

static void clear_consts(TCGContext *s)
{
    GHashTableIter it;
    gpointer key;
    for (int i = 0; i < 2; i++) {
        g_hash_table_iter_init(&it, s->consts[i]);
        while (g_hash_table_iter_next(&it, &key, NULL)) {
            g_hash_table_iter_remove(&it);
            g_free(key);
        }
    }
}

void tcg_context_free(TCGContext *s)
{
    if (!s) {
        return;
    }
    if (tcg_ctx == s) {
        tcg_ctx = NULL;
    }
    free_labels(s);
    g_ptr_array_free(s->labels, true);
    clear_consts(s);
    g_hash_table_destroy(s->consts[0]);
    g_hash_table_destroy(s->consts[1]);
    g_array_free(s->ldst, true);
    g_array_free(s->insn_end, true);
    g_array_free(s->insn_words, true);
    g_array_free(s->const_pending, true);
    g_array_free(s->nonlocal_temps, true);
    for (int i = 0; i < s->nb_globals; i++) {
        if (s->temps[i].kind == TEMP_GLOBAL) {
            g_free((char *)s->temps[i].name);
        }
    }
    g_free(s->ops);
    g_free(s->temps);
    g_free(s);
}

void tcg_set_guest_addr_bits(TCGContext *s, unsigned bits)
{
    g_assert(bits == 32 || bits == 64);
    s->addr_bits = bits;
}

void tcg_set_insn_start_words(TCGContext *s, unsigned n)
{
    g_assert(n >= 1 && n <= TCG_MAX_INSN_WORDS);
    s->insn_start_words = n;
}

bool tcg_set_tlb_params(TCGContext *s, intptr_t fast_ofs, unsigned nb_mmu_modes,
                        unsigned page_bits, Error **errp)
{
    if (page_bits < TLB_MIN_PAGE_BITS || page_bits > 30) {
        error_setg(errp, "tcg: TLB page bits %u out of range [%d, 30]", page_bits,
                   TLB_MIN_PAGE_BITS);
        return false;
    }
    if (nb_mmu_modes < 1 || nb_mmu_modes > 16) {
        error_setg(errp, "tcg: number of MMU modes %u out of range [1, 16]", nb_mmu_modes);
        return false;
    }
    if (fast_ofs < 0 || fast_ofs + 16 * (intptr_t)nb_mmu_modes > INT32_MAX) {
        error_setg(errp, "tcg: TLB offset %" PRIdPTR " out of range", fast_ofs);
        return false;
    }
    s->tlb_fast_ofs = fast_ofs;
    s->tlb_nb_modes = nb_mmu_modes;
    s->page_bits = page_bits;
    s->tlb_configured = true;
    return true;
}

void tcg_set_softmmu_helpers(TCGContext *s, TCGLoadHelper ld, TCGStoreHelper st)
{
    s->ld_helper = ld;
    s->st_helper = st;
}

void tcg_set_lookup_helper(TCGContext *s, TCGLookupHelper lookup)
{
    s->lookup_helper = lookup;
}

void tcg_set_optimize(TCGContext *s, bool on)
{
    s->optimize = on;
}

/* ---- temporaries ---- */

static TCGTemp *global_new(TCGv_ptr base, TCGType type, intptr_t offset, const char *name)
{
    TCGContext *s = tcg_ctx;
    /* Globals are created before any translation starts. */
    g_assert(base == tcg_env);
    g_assert(s->nb_temps == s->nb_globals && s->nb_ops == 0);
    TCGTemp *t = new_temp(s, type, TEMP_GLOBAL);
    t->mem_offset = offset;
    t->name = g_strdup(name);
    t->val_type = TEMP_VAL_MEM;
    t->mem_coherent = true;
    s->nb_globals = s->nb_temps;
    return t;
}

#define HANDLE(t) ((uintptr_t)temp_idx(tcg_ctx, t) + 1)

TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name)
{
    return (TCGv_i32)HANDLE(global_new(base, TCG_TYPE_I32, offset, name));
}

TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name)
{
    return (TCGv_i64)HANDLE(global_new(base, TCG_TYPE_I64, offset, name));
}

TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset, const char *name)
{
    return (TCGv_ptr)HANDLE(global_new(base, TCG_TYPE_PTR, offset, name));
}

static TCGTemp *temp_new(TCGType type)
{
    TCGTemp *t = new_temp(tcg_ctx, type, TEMP_TB);
    t->val_type = TEMP_VAL_DEAD;
    return t;
}

TCGv_i32 tcg_temp_new_i32(void)
{
    return (TCGv_i32)HANDLE(temp_new(TCG_TYPE_I32));
}

TCGv_i64 tcg_temp_new_i64(void)
{
    return (TCGv_i64)HANDLE(temp_new(TCG_TYPE_I64));
}

TCGv_ptr tcg_temp_new_ptr(void)
{
    return (TCGv_ptr)HANDLE(temp_new(TCG_TYPE_PTR));
}

TCGTemp *tcg_temp_const(TCGContext *s, TCGType type, int64_t val)
{
    if (type == TCG_TYPE_I32) {
        val = (int32_t)val;
    }
    gpointer idx = g_hash_table_lookup(s->consts[type], &val);
    if (idx) {
        return &s->temps[GPOINTER_TO_INT(idx) - 1];
    }
    TCGTemp *t = new_temp(s, type, TEMP_CONST);
    t->val = val;
    t->val_type = TEMP_VAL_MEM;     /* materialized at each use */
    int64_t *key = g_new(int64_t, 1);
    *key = val;
    g_hash_table_insert(s->consts[type], key, GINT_TO_POINTER(temp_idx(s, t) + 1));
    return t;
}

TCGv_i32 tcg_constant_i32(int32_t val)
{
    return (TCGv_i32)HANDLE(tcg_temp_const(tcg_ctx, TCG_TYPE_I32, val));
}

TCGv_i64 tcg_constant_i64(int64_t val)
{
    return (TCGv_i64)HANDLE(tcg_temp_const(tcg_ctx, TCG_TYPE_I64, val));
}

TCGv_ptr tcg_constant_ptr(intptr_t val)
{
    return (TCGv_ptr)HANDLE(tcg_temp_const(tcg_ctx, TCG_TYPE_PTR, val));
}

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    TCGLabel *l = g_new0(TCGLabel, 1);
    l->id = s->labels->len;
    l->relocs = g_array_new(false, false, sizeof(TCGRelocation));
    g_ptr_array_add(s->labels, l);
    return l;
}

void tcg_func_start(TCGContext *s)
{
    tcg_set_current(s);
    s->nb_temps = s->nb_globals;
    s->nb_ops = 0;
    free_labels(s);
    clear_consts(s);
}

/* ---- ops ---- */

TCGOp *tcg_emit_op(TCGOpcode opc, unsigned nb_oargs, unsigned nb_iargs, unsigned nb_cargs)
{
    TCGContext *s = tcg_ctx;
    g_assert(nb_oargs + nb_iargs + nb_cargs <= TCG_MAX_OP_ARGS);
    if (s->nb_ops == s->ops_alloc) {
        s->ops_alloc = s->ops_alloc ? s->ops_alloc * 2 : 256;
        s->ops = g_renew(TCGOp, s->ops, s->ops_alloc);
    }
    TCGOp *op = &s->ops[s->nb_ops++];
    memset(op, 0, sizeof(*op));
    op->opc = opc;
    op->nb_oargs = nb_oargs;
    op->nb_iargs = nb_iargs;
    op->nb_cargs = nb_cargs;
    return op;
}

bool tcg_op_is_64(const TCGOp *op)
{
    return tcg_op_defs[op->opc].flags & TCG_OPF_64BIT;
}

void tcg_op_set_mov(TCGContext *s, TCGOp *op, TCGArg dst, TCGArg src)
{
    op->opc = s->temps[dst].type == TCG_TYPE_I64 ? INDEX_op_mov_i64 : INDEX_op_mov_i32;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->nb_cargs = 0;
    op->args[0] = dst;
    op->args[1] = src;
}

bool tcg_translation_full(void)
{
    TCGContext *s = tcg_ctx;
    return s->nb_temps > TCG_MAX_TEMPS * 3 / 4 || s->nb_ops > TCG_MAX_OPS_SOFT;
}

unsigned tcg_op_count(TCGContext *s)
{
    unsigned n = 0;
    for (unsigned i = 0; i < s->nb_ops; i++) {
        n += s->ops[i].opc != INDEX_op_nop;
    }
    return n;
}

/* ---- restore data ---- */

static void put_uleb(GByteArray *b, uint64_t v)
{
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        if (v) {
            byte |= 0x80;
        }
        g_byte_array_append(b, &byte, 1);
    } while (v);
}

static void put_sleb(GByteArray *b, int64_t v)
{
    bool more;
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;    /* arithmetic */
        more = !((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40)));
        if (more) {
            byte |= 0x80;
        }
        g_byte_array_append(b, &byte, 1);
    } while (more);
}

static uint64_t get_uleb(const uint8_t **p)
{
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t byte;
    do {
        byte = *(*p)++;
        v |= (uint64_t)(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    return v;
}

static int64_t get_sleb(const uint8_t **p)
{
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t byte;
    do {
        byte = *(*p)++;
        v |= (uint64_t)(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    if (shift < 64 && (byte & 0x40)) {
        v |= -((uint64_t)1 << shift);
    }
    return (int64_t)v;
}

/*
 * Format: uleb(nb_insns), uleb(nb_words), then per insn:
 * uleb(end offset - previous end offset), sleb(word[j] - previous word[j])...
 */
static GByteArray *encode_restore_data(TCGContext *s)
{
    GByteArray *b = g_byte_array_new();
    unsigned n = s->insn_end->len;
    unsigned w = s->insn_start_words;
    uint32_t prev_end = 0;
    uint64_t prev[TCG_MAX_INSN_WORDS] = { 0 };

    put_uleb(b, n);
    put_uleb(b, w);
    for (unsigned i = 0; i < n; i++) {
        uint32_t end = g_array_index(s->insn_end, uint32_t, i);
        put_uleb(b, end - prev_end);
        prev_end = end;
        for (unsigned j = 0; j < w; j++) {
            uint64_t v = g_array_index(s->insn_words, uint64_t, i * w + j);
            put_sleb(b, (int64_t)(v - prev[j]));
            prev[j] = v;
        }
    }
    return b;
}

bool tcg_restore_state(const void *code_start, const void *restore_data,
                       uintptr_t host_pc, uint64_t *words_out)
{
    return tcg_restore_state_index(code_start, restore_data, host_pc, words_out, NULL);
}

bool tcg_restore_state_index(const void *code_start, const void *restore_data,
                             uintptr_t host_pc, uint64_t *words_out, unsigned *index_out)
{
    const uint8_t *p = restore_data;
    uintptr_t start = (uintptr_t)code_start;
    unsigned n = get_uleb(&p);
    unsigned w = get_uleb(&p);
    uint64_t end = 0;
    uint64_t words[TCG_MAX_INSN_WORDS] = { 0 };

    if (host_pc <= start || w > TCG_MAX_INSN_WORDS) {
        return false;
    }
    uintptr_t target = host_pc - 1 - start;
    for (unsigned i = 0; i < n; i++) {
        end += get_uleb(&p);
        for (unsigned j = 0; j < w; j++) {
            words[j] += (uint64_t)get_sleb(&p);
        }
        if (target < end) {
            memcpy(words_out, words, w * sizeof(uint64_t));
            if (index_out) {
                *index_out = i;
            }
            return true;
        }
    }
    return false;
}

/* ---- the pipeline ---- */

int tcg_gen_code(TCGContext *s, TCGTranslation *out)
{
    tcg_set_current(s);
    if (qemu_loglevel_mask(CPU_LOG_TB_OP)) {
        char *text;
        size_t len;
        FILE *f = open_memstream(&text, &len);
        tcg_dump_ops(s, f);
        fclose(f);
        qemu_log("OP:\n%s\n", text);
        free(text);
    }
    if (s->optimize) {
        tcg_optimize(s);
    }
    tcg_liveness(s);
    if (s->optimize && qemu_loglevel_mask(CPU_LOG_TB_OP_OPT)) {
        char *text;
        size_t len;
        FILE *f = open_memstream(&text, &len);
        tcg_dump_ops(s, f);
        fclose(f);
        qemu_log("OP after optimization and liveness analysis:\n%s\n", text);
        free(text);
    }

    for (int attempt = 0; attempt < 2; attempt++) {
        bool fresh = false;
        if (s->region_gen != tcg_region_generation(s->buf) || !s->region_ptr) {
            s->region_ptr = NULL;
        }
        if (!s->region_ptr || s->region_end - s->region_ptr < 256) {
            if (!tcg_region_alloc(s->buf, &s->region_ptr, &s->region_end, &s->rx_diff)) {
                s->region_ptr = NULL;
                return TCG_GEN_BUFFER_FULL;
            }
            s->region_gen = tcg_region_generation(s->buf);
            fresh = true;
        }
        uint8_t *start = s->region_ptr, *end = s->region_end;
        /* Align the entry to 16 bytes for the branch predictors. */
        while (((uintptr_t)start & 15) && start < end) {
            *start++ = 0x90;
        }
        s->code_buf = s->code_ptr = start;
        s->code_end = end;
        s->code_overflow = false;
        s->frame_overflow = false;
        g_array_set_size(s->ldst, 0);
        g_array_set_size(s->insn_end, 0);
        g_array_set_size(s->insn_words, 0);
        s->jmp_insn_offset[0] = s->jmp_insn_offset[1] = TCG_NO_JUMP;
        s->jmp_reset_offset[0] = s->jmp_reset_offset[1] = TCG_NO_JUMP;
        for (unsigned i = 0; i < s->labels->len; i++) {
            TCGLabel *l = g_ptr_array_index(s->labels, i);
            l->has_value = false;
            g_array_set_size(l->relocs, 0);
        }

        tcg_reg_alloc_code(s);
        for (unsigned i = 0; i < s->labels->len; i++) {
            TCGLabel *l = g_ptr_array_index(s->labels, i);
            /* A branch to a label that was never placed is a front-end bug. */
            g_assert(l->relocs->len == 0 || s->code_overflow);
        }
        if (s->frame_overflow) {
            return TCG_GEN_TOO_LARGE;
        }
        size_t code_size = tcg_current_code_size(s);
        GByteArray *rd = encode_restore_data(s);
        bool fits = !s->code_overflow && (size_t)(end - s->code_ptr) >= rd->len + 16;
        if (!fits) {
            g_byte_array_free(rd, true);
            if (fresh) {
                return TCG_GEN_TOO_LARGE;
            }
            /* Retry once in a fresh region. */
            s->region_ptr = NULL;
            continue;
        }
        memcpy(s->code_ptr, rd->data, rd->len);
        uint8_t *rd_rw = s->code_ptr;
        s->code_ptr += rd->len;
        g_byte_array_free(rd, true);

        out->code = s->code_buf + s->rx_diff;
        out->code_size = code_size;
        out->restore_data = rd_rw + s->rx_diff;
        out->total_size = s->code_ptr - s->code_buf;
        out->nb_insns = s->insn_end->len;
        memcpy(out->jmp_insn_offset, s->jmp_insn_offset, sizeof(out->jmp_insn_offset));
        memcpy(out->jmp_reset_offset, s->jmp_reset_offset, sizeof(out->jmp_reset_offset));
        s->region_ptr = s->code_ptr;

        if (qemu_loglevel_mask(CPU_LOG_TB_OUT_ASM)) {
            char *text;
            size_t len;
            FILE *f = open_memstream(&text, &len);
            tcg_dump_host_code(f, out->code, code_size);
            fclose(f);
            qemu_log("OUT: [size=%zu]\n%s\n", code_size, text);
            free(text);
        }
        return TCG_GEN_OK;
    }
    return TCG_GEN_TOO_LARGE;
}
