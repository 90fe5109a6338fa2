/*
 * The ARM translation table walk (target/arm/ptw.c) in process, on a
 * cortex-a15 with the Security Extensions and tables in RAM at 0: the
 * TTBCR.N split and PD0/PD1, the register bank of each MMU index, the NS
 * bit in PAR (Secure walks only) through ATS1CPR and ATS12NSOPR,
 * supersections, TEX remap leaving permissions alone, an external abort
 * on the walk, the LPAE T0SZ/T1SZ split with EPD1, the Hyp regime, and
 * stage 2 (HCR.VM): concatenated start tables, S2AP/XN, faults with their
 * IPA, stage 1 descriptor fetches through stage 2, ATS1C* left at stage 1.
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "target/arm/cpu.h"
#include "target/arm/cpregs.h"

static MemoryRegion ram;
static CPUState *cpu;

#define L1_S    0x10000u    /* Secure short-descriptor table */
#define L1_NS   0x20000u    /* Non-secure one */
#define L1_T1   0x30000u    /* TTBR1 table */
#define LPAE_L1 0x40000u
#define LPAE_L2 0x41000u

static CPUARMState *env(void)
{
    return cpu_env(cpu);
}

static void put32(hwaddr addr, uint32_t v)
{
    g_assert_cmpint(address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                                        &v, 4), ==, MEMTX_OK);
}

static void put64(hwaddr addr, uint64_t v)
{
    g_assert_cmpint(address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                                        &v, 8), ==, MEMTX_OK);
}

static bool xlate(uint32_t va, MMUAccessType type, int mmu_idx, ARMTranslation *res,
                  ARMFault *fi)
{
    return arm_get_phys_addr(env(), va, type, mmu_idx, res, fi);
}

static uint64_t ats(uint32_t opc2, uint32_t va)
{
    ARMCPU *arm = ARM_CPU(cpu);
    const ARMCPRegInfo *ri = arm_cp_find(arm, arm_cp_key(15, false, 0, 7, 8, opc2));

    g_assert_nonnull(ri);
    arm_cp_write(env(), ri, arm_cur_bank(env()), va);
    return env()->cp15.par[arm_cur_bank(env())];
}

static void setup(void)
{
    cpu_reset(cpu);
    /* Both banks: MMU on, all domains client. */
    for (int b = 0; b < 2; b++) {
        env()->cp15.sctlr[b] |= 1;
        env()->cp15.dacr[b] = 0x55555555;
    }
    env()->cp15.ttbr0[ARM_S] = L1_S;
    env()->cp15.ttbr0[ARM_NS] = L1_NS;
    for (uint32_t i = 0; i < 4096; i++) {
        put32(L1_S + 4 * i, 0);
        put32(L1_NS + 4 * i, 0);
        put32(L1_T1 + 4 * i, 0);
    }
}

static void test_banks_and_ns(void)
{
    ARMTranslation res;
    ARMFault fi;

    setup();
    /* VA 0x00100000: Secure -> 0x00200000 with NS = 1, Non-secure -> 0x00300000. */
    put32(L1_S + 4, 0x00200000 | (1u << 19) | (3u << 10) | 2);
    put32(L1_NS + 4, 0x00300000 | (3u << 10) | 2);
    g_assert_true(xlate(0x00100010, MMU_DATA_LOAD, ARM_MMU_IDX_S_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x00200010);
    g_assert_true(res.ns);
    g_assert_true(xlate(0x00100010, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x00300010);
    g_assert_false(res.ns);

    /* PAR: Secure state (reset) reports NS; ATS12NSOPR walks the NS tables. */
    g_assert_true(arm_is_secure(env()));
    g_assert_cmphex(ats(0, 0x00100010), ==, 0x00200000 | (1u << 9));
    g_assert_cmphex(ats(4, 0x00100010), ==, 0x00300000);
    /* ATS12NSO* UNDEF outside Secure PL1. */
    {
        const ARMCPRegInfo *ri = arm_cp_find(ARM_CPU(cpu), arm_cp_key(15, false, 0, 7, 8, 4));

        g_assert_true(ri->accessfn(env(), ri, false));
        env()->cp15.scr |= 1;
        g_assert_false(ri->accessfn(env(), ri, false));
    }
}

static void test_ttbcr_split(void)
{
    ARMTranslation res;
    ARMFault fi;

    setup();
    env()->cp15.scr |= 1;       /* Non-secure */
    /* N = 2: TTBR0 below 1 GiB (a 4 KiB table), TTBR1 above. */
    env()->cp15.ttbcr[ARM_NS] = 2;
    env()->cp15.ttbr1[ARM_NS] = L1_T1;
    put32(L1_NS + 4 * 0x001, 0x00400000 | (3u << 10) | 2);
    put32(L1_T1 + 4 * 0x401, 0x00500000 | (3u << 10) | 2);
    g_assert_true(xlate(0x00100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x00400000);
    g_assert_true(xlate(0x40100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x00500000);
    /* PD1: walks through TTBR1 fault (section translation fault). */
    env()->cp15.ttbcr[ARM_NS] |= 1u << 5;
    g_assert_false(xlate(0x40100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmpint(fi.type, ==, ARM_FAULT_TRANSLATION);
    g_assert_cmphex(arm_fault_fsr(&fi, MMU_DATA_LOAD), ==, 0x005);
    g_assert_true(xlate(0x00100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
}

static void test_supersection_tre_extabort(void)
{
    ARMTranslation res;
    ARMFault fi;

    setup();
    /* Supersection: 16 MiB at VA 0x01000000, PA 0x03000000; 16 copies. */
    for (int i = 0; i < 16; i++) {
        put32(L1_S + 4 * (0x010 + i), 0x03000000 | (1u << 18) | (3u << 10) | 2);
    }
    g_assert_true(xlate(0x01abcdef, MMU_DATA_STORE, ARM_MMU_IDX_S_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x03abcdef);
    g_assert_cmphex(res.page_size, ==, 16 * MiB);
    /* TEX remap changes attributes only: a PL1-only section stays so. */
    put32(L1_S + 4 * 0x020, 0x00600000 | (1u << 10) | (7u << 12) | 0xc | 2);
    env()->cp15.sctlr[ARM_S] |= 1u << 28;
    g_assert_false(xlate(0x02000000, MMU_DATA_LOAD, ARM_MMU_IDX_S_PL0, &res, &fi));
    g_assert_cmpint(fi.type, ==, ARM_FAULT_PERMISSION);
    g_assert_true(xlate(0x02000000, MMU_DATA_STORE, ARM_MMU_IDX_S_PL1, &res, &fi));
    /* A page table outside memory: external abort on the second-level walk. */
    put32(L1_S + 4 * 0x030, 0xf0000000u | 1);
    g_assert_false(xlate(0x03000000, MMU_DATA_STORE, ARM_MMU_IDX_S_PL1, &res, &fi));
    g_assert_cmpint(fi.type, ==, ARM_FAULT_EXT_WALK);
    g_assert_cmphex(arm_fault_fsr(&fi, MMU_DATA_STORE), ==, 0x80e);
    /* ... and the first-level one (TTBR0 outside memory). */
    env()->cp15.ttbr0[ARM_S] = 0xf0000000u;
    g_assert_false(xlate(0x03000000, MMU_INST_FETCH, ARM_MMU_IDX_S_PL1, &res, &fi));
    g_assert_cmphex(arm_fault_fsr(&fi, MMU_INST_FETCH), ==, 0x00c);
}

static void test_lpae_split_and_hyp(void)
{
    ARMTranslation res;
    ARMFault fi;

    setup();
    env()->cp15.scr |= 1;
    for (int i = 0; i < 512; i++) {
        put64(LPAE_L2 + 8 * i, 0);
    }
    /* T0SZ = 2: TTBR0 maps the low GiB from level 2; T1SZ = 1: TTBR1 the top 2 GiB. */
    env()->cp15.ttbcr[ARM_NS] = 0x80000000u | (1u << 16) | 2;
    env()->cp15.ttbr0[ARM_NS] = LPAE_L2 | (7ull << 48);
    env()->cp15.ttbr1[ARM_NS] = LPAE_L1;
    put64(LPAE_L2 + 8 * 3, 0x00800000 | (1u << 10) | 1);       /* VA 0x00600000 */
    put64(LPAE_L1 + 8 * 1, 0x40000000 | (1u << 10) | 1);       /* VA 0xc0000000, 1 GiB */
    g_assert_true(xlate(0x00612345, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x00812345);
    g_assert_true(xlate(0xc0001000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x40001000);
    /* The hole between the two ranges faults at level 1. */
    g_assert_false(xlate(0x50000000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(arm_fault_fsr(&fi, MMU_DATA_LOAD), ==, 0x205);
    /* EPD1: no walks through TTBR1. */
    env()->cp15.ttbcr[ARM_NS] |= 1u << 23;
    g_assert_false(xlate(0xc0001000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmpint(fi.type, ==, ARM_FAULT_TRANSLATION);

    /* Hyp: HSCTLR.M with HTTBR (long descriptors); AP[1] does not matter. */
    env()->cp15.hsctlr = 1;
    env()->cp15.htcr = 2;
    env()->cp15.httbr = LPAE_L2;
    g_assert_true(xlate(0x00600004, MMU_DATA_STORE, ARM_MMU_IDX_PL2, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x00800004);
    g_assert_false(xlate(0x40000000, MMU_DATA_LOAD, ARM_MMU_IDX_PL2, &res, &fi));
    g_assert_true(fi.lpae);
}

#define S2_L2   0x80000u    /* SL0 = 0, T0SZ = 0: four concatenated level 2 tables */
#define S2_L3   0x84000u

/* A stage 2 page descriptor: S2AP (bit 0 read, bit 1 write), AF, XN. */
static uint64_t s2_page(uint64_t pa, unsigned s2ap, bool xn)
{
    return pa | 3 | 1u << 10 | (uint64_t)s2ap << 6 | 0xfu << 2 | (uint64_t)xn << 54;
}

static void test_stage2(void)
{
    ARMTranslation res;
    ARMFault fi;

    setup();
    env()->cp15.scr |= 1;                       /* Non-secure */
    env()->cp15.sctlr[ARM_NS] &= ~1u;           /* stage 1 off: VA = IPA */
    env()->cp15.hcr = HCR_VM;
    env()->cp15.vtcr = 0x80000000u;             /* T0SZ 0, SL0 0: start at level 2 */
    env()->cp15.vttbr = S2_L2;
    for (uint32_t i = 0; i < 2048; i++) {
        put64(S2_L2 + 8 * i, 0);
    }
    for (uint32_t i = 0; i < 512; i++) {
        put64(S2_L3 + 8 * i, 0);
    }
    put64(S2_L2, S2_L3 | 3);                    /* IPA 0..2 MB: pages */
    put64(S2_L3 + 8 * 0x10, s2_page(0x50000, 3, false));
    put64(S2_L3 + 8 * 0x11, s2_page(0x51000, 1, true));
    put64(S2_L3 + 8 * 0x12, s2_page(0x52000, 2, false));
    put64(S2_L3 + 8 * 0x20, s2_page(0x20000, 3, false));   /* the NS stage 1 table */
    /* The last of the four concatenated tables: IPA 0xc0000000, a 2 MB block. */
    put64(S2_L2 + 8 * 0x600, 0x00000000ull | 1 | 1u << 10 | 3u << 6);

    g_assert_true(xlate(0x10008, MMU_DATA_STORE, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x50008);
    g_assert_cmphex(res.prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    g_assert_true(xlate(0x11004, MMU_DATA_LOAD, ARM_MMU_IDX_PL0, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x51004);
    g_assert_cmphex(res.prot, ==, PAGE_READ);
    g_assert_true(xlate(0xc0100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x100000);

    /* Permission: a store to the read-only page, a fetch from XN or write-only. */
    g_assert_false(xlate(0x11004, MMU_DATA_STORE, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_true(fi.stage2 && !fi.s1ptw && fi.lpae);
    g_assert_cmpint(fi.type, ==, ARM_FAULT_PERMISSION);
    g_assert_cmpint(fi.level, ==, 3);
    g_assert_cmphex(fi.ipa, ==, 0x11004);
    g_assert_false(xlate(0x11000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_false(xlate(0x12000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmpint(fi.type, ==, ARM_FAULT_PERMISSION);
    /* Translation fault at level 3; an IPA beyond VTCR.T0SZ at the start level. */
    g_assert_false(xlate(0x13000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmpint(fi.type, ==, ARM_FAULT_TRANSLATION);
    g_assert_cmpint(fi.level, ==, 3);
    env()->cp15.vtcr = 0x80000008u;             /* T0SZ 8: 24-bit IPA */
    g_assert_false(xlate(0x01000000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_true(fi.stage2);
    g_assert_cmpint(fi.level, ==, 2);
    env()->cp15.vtcr = 0x80000000u;

    /* Stage 1 on: its descriptor at IPA 0x20000 + 4 * (VA >> 20) goes through stage 2. */
    env()->cp15.sctlr[ARM_NS] |= 1;
    put32(L1_NS + 4 * 0x000, 0x00000000u | (3u << 10) | 2);    /* section: VA = IPA */
    g_assert_true(xlate(0x10008, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x50008);
    /* ATS1CPR stops at stage 1: PAR holds the IPA. */
    g_assert_cmphex(ats(0, 0x10008) & 0xfffff000u, ==, 0x10000);
    /* The stage 1 table moved to an IPA stage 2 does not map: S1PTW. */
    env()->cp15.ttbr0[ARM_NS] = 0x30000;
    g_assert_false(xlate(0x00100000, MMU_DATA_STORE, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_true(fi.stage2 && fi.s1ptw);
    g_assert_cmphex(fi.ipa, ==, 0x30004);
    g_assert_cmpint(fi.type, ==, ARM_FAULT_TRANSLATION);

    /* Not for the Hyp regime, nor without HCR.VM. */
    g_assert_true(xlate(0x13000, MMU_DATA_LOAD, ARM_MMU_IDX_PL2, &res, &fi));
    env()->cp15.hcr = 0;
    env()->cp15.sctlr[ARM_NS] &= ~1u;
    g_assert_true(xlate(0x13000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res, &fi));
    g_assert_cmphex(res.phys, ==, 0x13000);
}

int main(int argc, char **argv)
{
    int r;

    g_test_init(&argc, &argv, NULL);
    memory_init();
    memory_region_init_ram(&ram, NULL, "ram", 1 * MiB, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    cpu = cpu_create(ARM_CPU_TYPE_NAME("cortex-a15"), &error_abort);
    object_property_set_bool(OBJECT(cpu), "has_el3", true, &error_abort);
    object_property_set_bool(OBJECT(cpu), "has_el2", true, &error_abort);
    qdev_realize(DEVICE(cpu), NULL, &error_abort);

    g_test_add_func("/arm-ptw/banks-and-ns", test_banks_and_ns);
    g_test_add_func("/arm-ptw/ttbcr-split", test_ttbcr_split);
    g_test_add_func("/arm-ptw/supersection-tre-extabort", test_supersection_tre_extabort);
    g_test_add_func("/arm-ptw/lpae-split-and-hyp", test_lpae_split_and_hyp);
    g_test_add_func("/arm-ptw/stage2", test_stage2);
    r = g_test_run();

    qdev_unrealize(DEVICE(cpu));
    object_unref(OBJECT(cpu));
    memory_region_finalize(&ram);
    return r;
}
