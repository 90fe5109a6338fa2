/*
 * Readable listings: the IR (-d op, op_opt) and host code (-d out_asm,
 * disassembled by capstone).
 */
#include "qemu/osdep.h"
#include <capstone/capstone.h>
#include "tcg-internal.h"

static const char *const cond_names[] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt", [TCG_COND_GE] = "ge", [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu", [TCG_COND_LEU] = "leu",
    [TCG_COND_GTU] = "gtu", [TCG_COND_TSTEQ] = "tsteq", [TCG_COND_TSTNE] = "tstne",
};

static void print_temp(TCGContext *s, FILE *f, TCGArg a)
{
    TCGTemp *t = &s->temps[a];
    switch (t->kind) {
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        fputs(t->name, f);
        break;
    case TEMP_CONST:
        fprintf(f, "$0x%" PRIx64, t->type == TCG_TYPE_I32 ? (uint32_t)t->val : t->val);
        break;
    case TEMP_TB:
        fprintf(f, "tmp%d", (int)a - s->nb_globals);
        break;
    }
}

void tcg_dump_ops(TCGContext *s, FILE *f)
{
    for (unsigned i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        unsigned no = op->nb_oargs, ni = op->nb_iargs;
        const TCGArg *cargs = op->args + no + ni;
        bool first = true;

        if (op->opc == INDEX_op_nop) {
            continue;
        }
        if (op->opc == INDEX_op_insn_start) {
            fprintf(f, "\n ---- ");
            for (unsigned j = 0; j < s->insn_start_words; j++) {
                fprintf(f, "%s%016" PRIx64, j ? " " : "", (uint64_t)cargs[j]);
            }
            fputc('\n', f);
            continue;
        }
        if (op->opc == INDEX_op_call) {
            const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)cargs[0];
            fprintf(f, " call %s,$0x%x", info->name ? info->name : "?", info->flags);
            first = false;
        } else {
            fprintf(f, " %s ", def->name);
        }
        for (unsigned j = 0; j < no + ni; j++) {
            fputs(first ? "" : ",", f);
            first = false;
            print_temp(s, f, op->args[j]);
        }
        switch (op->opc) {
        case INDEX_op_call:
            break;
        case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
        case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
            fprintf(f, ",%s", cond_names[cargs[0]]);
            break;
        case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
            fprintf(f, ",%s,$L%u", cond_names[cargs[0]],
                    ((TCGLabel *)(uintptr_t)cargs[1])->id);
            break;
        case INDEX_op_br:
        case INDEX_op_set_label:
            fprintf(f, "$L%u", ((TCGLabel *)(uintptr_t)cargs[0])->id);
            break;
        case INDEX_op_qemu_ld_i32: case INDEX_op_qemu_ld_i64:
        case INDEX_op_qemu_st_i32: case INDEX_op_qemu_st_i64: {
            MemOpIdx oi = cargs[0];
            MemOp mop = get_memop(oi);
            fprintf(f, ",%s%s%u%s,%u", mop & MO_BSWAP ? "be" : "le", mop & MO_SIGN ? "s" : "u",
                    8u << (mop & MO_SIZE), mop & MO_AMASK ? "+al" : "", get_mmuidx(oi));
            break;
        }
        default:
            for (unsigned j = 0; j < op->nb_cargs; j++) {
                fprintf(f, "%s$0x%" PRIx64, first ? "" : ",", (uint64_t)cargs[j]);
                first = false;
            }
            break;
        }
        if (op->dead) {
            fprintf(f, "  dead:");
            for (unsigned j = 0; j < no + ni; j++) {
                if (op->dead & (1u << j)) {
                    fprintf(f, " %u", j);
                }
            }
        }
        fputc('\n', f);
    }
}

void tcg_dump_host_code(FILE *f, const void *code, size_t size)
{
    csh handle;
    cs_insn *insn;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        fprintf(f, "  (capstone unavailable)\n");
        return;
    }
    size_t n = cs_disasm(handle, code, size, (uintptr_t)code, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "0x%016" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic,
                insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&handle);
}
