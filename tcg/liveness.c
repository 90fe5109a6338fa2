/*
 * Liveness analysis, backwards over the op list. For each op it records
 * which arguments are dead afterwards (op->dead), and it removes ops
 * without side effects whose results are never used.
 *
 * A temp is "live" if its current value may still be read. At a
 * basic-block end globals and temps used in more than one block are live;
 * temps used in only one block ("ebb_local", computed first) are dead. At
 * block exits only globals are live. Before calls that may touch globals,
 * guest memory ops (which may fault) and goto_tb, globals are live so
 * that the allocator's write-back at those points is never skipped.
 */
#include "qemu/osdep.h"
#include "tcg-internal.h"

static void compute_ebb_local(TCGContext *s)
{
    int *first_bb = g_new(int, s->nb_temps);
    int bb = 0;

    for (int i = 0; i < s->nb_temps; i++) {
        first_bb[i] = -1;
        s->temps[i].ebb_local = s->temps[i].kind == TEMP_TB;
    }
    for (unsigned i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_set_label) {
            bb++;
        }
        for (unsigned j = 0; j < op->nb_oargs + op->nb_iargs; j++) {
            int t = op->args[j];
            if (first_bb[t] < 0) {
                first_bb[t] = bb;
            } else if (first_bb[t] != bb) {
                s->temps[t].ebb_local = false;
            }
        }
        if (tcg_op_defs[op->opc].flags & TCG_OPF_BB_END) {
            bb++;
        }
    }
    g_array_set_size(s->nonlocal_temps, 0);
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        if (s->temps[i].kind == TEMP_TB && !s->temps[i].ebb_local) {
            g_array_append_val(s->nonlocal_temps, i);
        }
    }
    g_free(first_bb);
}

/*
 * The state after a block end. Temps local to one block need no reset: the
 * backward pass has not reached their block yet, so they are still dead.
 */
static void set_bb_end_state(TCGContext *s, bool *live, bool exit)
{
    for (int i = 0; i < s->nb_globals; i++) {
        live[i] = true;
    }
    for (unsigned i = 0; i < s->nonlocal_temps->len; i++) {
        live[g_array_index(s->nonlocal_temps, int, i)] = !exit;
    }
}

static void globals_live(TCGContext *s, bool *live)
{
    for (int i = 0; i < s->nb_globals; i++) {
        live[i] = true;
    }
}

void tcg_liveness(TCGContext *s)
{
    bool *live = g_new0(bool, s->nb_temps);

    compute_ebb_local(s);
    set_bb_end_state(s, live, true);
    /* Constants are never live: they need no register or memory. */

    for (int i = (int)s->nb_ops - 1; i >= 0; i--) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        unsigned no = op->nb_oargs, ni = op->nb_iargs;
        bool side_effects = def->flags & TCG_OPF_SIDE_EFFECTS;

        if (op->opc == INDEX_op_nop) {
            continue;
        }
        if (op->opc == INDEX_op_call) {
            const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)op->args[no + ni];
            side_effects = !(info->flags & TCG_CALL_NO_SIDE_EFFECTS) ||
                           (info->flags & TCG_CALL_NO_RWG) != TCG_CALL_NO_RWG;
        }
        if (def->flags & TCG_OPF_BB_END) {
            set_bb_end_state(s, live, def->flags & TCG_OPF_BB_EXIT);
        }

        if (!side_effects && no > 0) {
            bool any_live = false;
            for (unsigned j = 0; j < no; j++) {
                any_live |= live[op->args[j]];
            }
            if (!any_live) {
                op->opc = INDEX_op_nop;
                op->nb_oargs = op->nb_iargs = op->nb_cargs = 0;
                continue;
            }
        }

        op->dead = 0;
        for (unsigned j = 0; j < no; j++) {
            if (!live[op->args[j]]) {
                op->dead |= 1u << j;
            }
            live[op->args[j]] = false;
        }
        if (op->opc == INDEX_op_call) {
            const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)op->args[no + ni];
            if ((info->flags & TCG_CALL_NO_RWG) != TCG_CALL_NO_RWG) {
                globals_live(s, live);
            }
        } else if (def->flags & (TCG_OPF_CALL_CLOBBER | TCG_OPF_SYNC_GLOBALS)) {
            globals_live(s, live);
        }
        for (unsigned j = 0; j < ni; j++) {
            TCGArg a = op->args[no + j];
            if (!live[a]) {
                op->dead |= 1u << (no + j);
            }
        }
        for (unsigned j = 0; j < ni; j++) {
            TCGArg a = op->args[no + j];
            live[a] = s->temps[a].kind != TEMP_CONST;
        }
    }
    g_free(live);
}
