/*
 * Guest memory accesses: the inline softmmu TLB probe and, after the
 * block's code, the out-of-line slow paths that call the helpers
 * registered with tcg_set_softmmu_helpers.
 *
 * The allocator has evicted every caller-saved register before these ops
 * (they are TCG_OPF_CALL_CLOBBER), so the fast path uses RSI (address),
 * RDI (TLB entry) and RAX (tag, byte-swapped data) freely, and the slow
 * path's call preserves the address and data registers (callee-saved).
 */
#include "qemu/osdep.h"
#include "exec/tlb-common.h"
#include "../tcg-internal.h"
#include "emit.h"

/*
 * Emits the probe; leaves the host address in RSI on a hit and records
 * the slow path. Returns the index of the TCGLdstSlow record.
 */
static unsigned tcg_out_tlb_probe(TCGContext *s, bool is_ld, int addr_reg, MemOpIdx oi)
{
    MemOp mop = get_memop(oi);
    unsigned mmu_idx = get_mmuidx(oi);
    bool a64 = s->addr_bits == 64;
    int aw = a64 ? P_REXW : 0;
    unsigned s_mask = memop_size(mop) - 1;
    unsigned a_mask = (1u << memop_alignment_bits(mop)) - 1;
    intptr_t desc = s->tlb_fast_ofs + mmu_idx * (intptr_t)sizeof(CPUTLBDescFast);

    g_assert(s->tlb_configured && mmu_idx < s->tlb_nb_modes);
    g_assert(a_mask < (1u << 6));

    /* rsi = address, zero-extended for 32-bit guests */
    tcg_out_mov(s, a64 ? TCG_TYPE_I64 : TCG_TYPE_I32, TCG_REG_RSI, addr_reg);
    /* rdi = &table[(addr >> (page_bits - entry_bits)) & mask] */
    tcg_out_mov(s, TCG_TYPE_I64, TCG_REG_RDI, TCG_REG_RSI);
    tcg_out_modrm(s, OPC_SHIFT_Ib + P_REXW, SHIFT_SHR, TCG_REG_RDI);
    tcg_out8(s, s->page_bits - CPU_TLB_ENTRY_BITS);
    tcg_out_modrm_offset(s, OPC_ARITH_GvEv + (ARITH_AND << 3) + P_REXW, TCG_REG_RDI,
                         TCG_AREG0, desc + offsetof(CPUTLBDescFast, mask));
    tcg_out_modrm_offset(s, OPC_ARITH_GvEv + (ARITH_ADD << 3) + P_REXW, TCG_REG_RDI,
                         TCG_AREG0, desc + offsetof(CPUTLBDescFast, table));
    /*
     * rax = page of the access's last byte that must share the first
     * byte's page, with the alignment bits kept: any misalignment or page
     * crossing makes the compare fail.
     */
    if (s_mask > a_mask) {
        tcg_out_modrm_offset(s, OPC_LEA + aw, TCG_REG_RAX, TCG_REG_RSI, s_mask - a_mask);
    } else {
        tcg_out_mov(s, TCG_TYPE_I64, TCG_REG_RAX, TCG_REG_RSI);
    }
    uint64_t tag_mask = ~(((uint64_t)1 << s->page_bits) - 1) | a_mask;
    tgen_arithi(s, ARITH_AND, aw, TCG_REG_RAX, a64 ? (int64_t)tag_mask : (int32_t)tag_mask);
    tcg_out_modrm_offset(s, OPC_ARITH_GvEv + (ARITH_CMP << 3) + aw, TCG_REG_RAX, TCG_REG_RDI,
                         is_ld ? offsetof(CPUTLBEntry, addr_read)
                               : offsetof(CPUTLBEntry, addr_write));
    tcg_out8(s, 0x0f);
    tcg_out8(s, OPC_JCC_long + JCC_JNE);
    TCGLdstSlow l = {
        .is_ld = is_ld,
        .oi = oi,
        .addr_reg = addr_reg,
        .jne_offset = tcg_current_code_size(s),
    };
    tcg_out32(s, 0);
    tcg_out_modrm_offset(s, OPC_ARITH_GvEv + (ARITH_ADD << 3) + P_REXW, TCG_REG_RSI,
                         TCG_REG_RDI, offsetof(CPUTLBEntry, addend));
    g_array_append_val(s->ldst, l);
    return s->ldst->len - 1;
}

void tcg_out_qemu_ld(TCGContext *s, bool is64, int d, int addr_reg, MemOpIdx oi)
{
    MemOp mop = get_memop(oi);
    bool bswap = mop & MO_BSWAP;
    bool sign = mop & MO_SIGN;
    int rexw = is64 ? P_REXW : 0;
    unsigned idx = tcg_out_tlb_probe(s, true, addr_reg, oi);

    switch (mop & MO_SIZE) {
    case MO_8:
        tcg_out_modrm_offset(s, sign ? OPC_MOVSBL + rexw : OPC_MOVZBL, d, TCG_REG_RSI, 0);
        break;
    case MO_16:
        if (!bswap) {
            tcg_out_modrm_offset(s, sign ? OPC_MOVSWL + rexw : OPC_MOVZWL, d, TCG_REG_RSI, 0);
        } else {
            tcg_out_modrm_offset(s, OPC_MOVZWL, d, TCG_REG_RSI, 0);
            tcg_out_modrm(s, OPC_SHIFT_Ib + P_DATA16, SHIFT_ROL, d);
            tcg_out8(s, 8);
            tcg_out_modrm(s, sign ? OPC_MOVSWL + rexw : OPC_MOVZWL, d, d);
        }
        break;
    case MO_32:
        tcg_out_ld(s, TCG_TYPE_I32, d, TCG_REG_RSI, 0);
        if (bswap) {
            tcg_out_opc(s, OPC_BSWAP + (d & 7), 0, d, 0);
        }
        if (sign && is64) {
            tcg_out_modrm(s, OPC_MOVSLQ, d, d);
        }
        break;
    default:
        g_assert(is64);
        tcg_out_ld(s, TCG_TYPE_I64, d, TCG_REG_RSI, 0);
        if (bswap) {
            tcg_out_opc(s, OPC_BSWAP + P_REXW + (d & 7), 0, d, 0);
        }
        break;
    }
    TCGLdstSlow *l = &g_array_index(s->ldst, TCGLdstSlow, idx);
    l->is64 = is64;
    l->data_reg = d;
    l->done_offset = tcg_current_code_size(s);
}

void tcg_out_qemu_st(TCGContext *s, bool is64, int v, bool data_const, int64_t data_val,
                     int addr_reg, MemOpIdx oi)
{
    MemOp mop = get_memop(oi);
    bool bswap = mop & MO_BSWAP;
    unsigned idx = tcg_out_tlb_probe(s, false, addr_reg, oi);
    int src = v;

    g_assert(!data_const);
    if (bswap && (mop & MO_SIZE) != MO_8) {
        src = TCG_REG_RAX;
        tcg_out_mov(s, TCG_TYPE_I64, src, v);
        switch (mop & MO_SIZE) {
        case MO_16:
            tcg_out_modrm(s, OPC_SHIFT_Ib + P_DATA16, SHIFT_ROL, src);
            tcg_out8(s, 8);
            break;
        case MO_32:
            tcg_out_opc(s, OPC_BSWAP + (src & 7), 0, src, 0);
            break;
        default:
            tcg_out_opc(s, OPC_BSWAP + P_REXW + (src & 7), 0, src, 0);
            break;
        }
    }
    switch (mop & MO_SIZE) {
    case MO_8:
        tcg_out_modrm_offset(s, OPC_MOVB_EvGv + P_REXB_R, src, TCG_REG_RSI, 0);
        break;
    case MO_16:
        tcg_out_modrm_offset(s, OPC_MOVL_EvGv + P_DATA16, src, TCG_REG_RSI, 0);
        break;
    case MO_32:
        tcg_out_st(s, TCG_TYPE_I32, src, TCG_REG_RSI, 0);
        break;
    default:
        tcg_out_st(s, TCG_TYPE_I64, src, TCG_REG_RSI, 0);
        break;
    }
    TCGLdstSlow *l = &g_array_index(s->ldst, TCGLdstSlow, idx);
    l->is64 = is64;
    l->data_reg = v;
    l->done_offset = tcg_current_code_size(s);
}

/*
 * Slow path: RSI still holds the zero-extended address (the probe only
 * adds the addend after the branch). The return address passed to the
 * helper is the resume point, inside the guest instruction's code.
 */
void tcg_out_ldst_slow_paths(TCGContext *s)
{
    for (unsigned i = 0; i < s->ldst->len; i++) {
        TCGLdstSlow *l = &g_array_index(s->ldst, TCGLdstSlow, i);
        tcg_patch_rel32(s, l->jne_offset, tcg_current_code_size(s));
        tcg_out_mov(s, TCG_TYPE_I64, TCG_REG_RDI, TCG_AREG0);
        if (l->is_ld) {
            tcg_out_movi(s, TCG_TYPE_I32, TCG_REG_RDX, l->oi);
            tcg_out_lea_code(s, TCG_REG_RCX, l->done_offset);
            g_assert(s->ld_helper);
            tcg_out_call(s, (const void *)s->ld_helper);
            tcg_out_mov(s, l->is64 ? TCG_TYPE_I64 : TCG_TYPE_I32, l->data_reg, TCG_REG_RAX);
        } else {
            tcg_out_mov(s, TCG_TYPE_I64, TCG_REG_RDX, l->data_reg);
            tcg_out_movi(s, TCG_TYPE_I32, TCG_REG_RCX, l->oi);
            tcg_out_lea_code(s, TCG_REG_R8, l->done_offset);
            g_assert(s->st_helper);
            tcg_out_call(s, (const void *)s->st_helper);
        }
        tcg_out8(s, OPC_JMP_long);
        uint32_t field = tcg_current_code_size(s);
        tcg_out32(s, 0);
        tcg_patch_rel32(s, field, l->done_offset);
    }
}
