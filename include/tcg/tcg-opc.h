/*
 * The IR opcode table: DEF(name, outputs, inputs, constant args, flags).
 * Included several times with different definitions of DEF.
 * DEF2 declares the same op for i32 and i64 (name_i32, name_i64).
 */
#ifndef DEF2
#define DEF2(name, oargs, iargs, cargs, flags) \
    DEF(name##_i32, oargs, iargs, cargs, flags) \
    DEF(name##_i64, oargs, iargs, cargs, (flags) | TCG_OPF_64BIT)
#define TCG_OPC_DEF2_LOCAL
#endif

DEF(nop, 0, 0, 0, TCG_OPF_NOT_PRESENT)
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS)
DEF(br, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS | TCG_OPF_NORETURN)
DEF(insn_start, 0, 0, TCG_MAX_INSN_WORDS, TCG_OPF_SIDE_EFFECTS)
/* call: counts are per op; see tcg_gen_callN */
DEF(call, 0, 0, 1, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_BB_EXIT | TCG_OPF_SIDE_EFFECTS
    | TCG_OPF_NORETURN)
DEF(goto_tb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_SYNC_GLOBALS)
DEF(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)
DEF(goto_ptr, 0, 1, 0, TCG_OPF_BB_END | TCG_OPF_BB_EXIT | TCG_OPF_SIDE_EFFECTS
    | TCG_OPF_NORETURN)

DEF2(mov, 1, 1, 0, 0)
DEF2(add, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(sub, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(mul, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(and, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(or, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(xor, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(andc, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(orc, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(shl, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(shr, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(sar, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(rotl, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(rotr, 1, 2, 0, TCG_OPF_ALIAS)
DEF2(neg, 1, 1, 0, TCG_OPF_ALIAS)
DEF2(not, 1, 1, 0, TCG_OPF_ALIAS)
DEF2(mulu2, 2, 2, 0, 0)
DEF2(muls2, 2, 2, 0, 0)
DEF2(add2, 2, 4, 0, 0)
DEF2(sub2, 2, 4, 0, 0)
DEF2(ext8s, 1, 1, 0, 0)
DEF2(ext8u, 1, 1, 0, 0)
DEF2(ext16s, 1, 1, 0, 0)
DEF2(ext16u, 1, 1, 0, 0)
DEF2(bswap16, 1, 1, 0, 0)
DEF2(bswap32, 1, 1, 0, 0)
DEF(bswap64_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF2(clz, 1, 2, 0, 0)
DEF2(ctz, 1, 2, 0, 0)
DEF2(setcond, 1, 2, 1, 0)
DEF2(movcond, 1, 4, 1, 0)
DEF2(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS | TCG_OPF_COND_BRANCH)

DEF2(ld8u, 1, 1, 1, 0)
DEF2(ld8s, 1, 1, 1, 0)
DEF2(ld16u, 1, 1, 1, 0)
DEF2(ld16s, 1, 1, 1, 0)
DEF2(ld, 1, 1, 1, 0)
DEF(ld32u_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF(ld32s_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF2(st8, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF2(st16, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF2(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st32_i64, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_64BIT)

DEF(ext32s_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(ext32u_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(extu_i32_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(ext_i32_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(extrl_i64_i32, 1, 1, 0, 0)
DEF(extrh_i64_i32, 1, 1, 0, 0)

/* Guest memory: (value, address; MemOpIdx). May fault: globals are synced. */
DEF2(qemu_ld, 1, 1, 1, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
DEF2(qemu_st, 0, 2, 1, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)

#ifdef TCG_OPC_DEF2_LOCAL
#undef DEF2
#undef TCG_OPC_DEF2_LOCAL
#endif
#undef DEF
