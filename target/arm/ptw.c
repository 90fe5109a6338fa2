/*
 * ARM VMSAv7 address translation: the translation table walk for each
 * MMU index (short-descriptor and LPAE long-descriptor formats), the
 * fault status values it reports, the softmmu hooks (tlb_fill, the
 * debugger's lookup, alignment faults) and the address translation
 * operations (ATS*) that write PAR.
 *
 * Walks read the tables from physical memory directly: they never go
 * through the TLB, so a walk of one regime cannot disturb another's
 * entries and ATS operations leave the TLB alone.
 */
#include "qemu/osdep.h"
#include "target/arm/cpu.h"
#include "target/arm/cpregs.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"

/* SCTLR / HSCTLR bits the walk uses. */
#define SCTLR_M     (1u << 0)
#define SCTLR_EE    (1u << 25)
#define SCTLR_AFE   (1u << 29)

/* TTBCR bits. */
#define TTBCR_N     7u
#define TTBCR_PD0   (1u << 4)
#define TTBCR_PD1   (1u << 5)
#define TTBCR_EPD0  (1u << 7)
#define TTBCR_EPD1  (1u << 23)
#define TTBCR_EAE   (1u << 31)

/* The regime an MMU index translates in. */
typedef struct Regime {
    int bank;                   /* ARM_NS / ARM_S copy of the registers */
    bool user;                  /* PL0 access */
    bool hyp;                   /* PL2: HSCTLR/HTCR/HTTBR */
    bool stage2;                /* Non-secure PL1&0 with HCR.VM: IPAs go through stage 2 */
    uint32_t sctlr;
    uint32_t ttbcr;
} Regime;

static void get_regime(CPUARMState *env, int mmu_idx, Regime *r)
{
    r->hyp = mmu_idx == ARM_MMU_IDX_PL2;
    r->bank = arm_mmu_idx_is_secure(mmu_idx) ? ARM_S : ARM_NS;
    r->user = arm_mmu_idx_is_user(mmu_idx);
    r->stage2 = arm_feature(env, ARM_FEATURE_EL2) && (env->cp15.hcr & HCR_VM) &&
                (mmu_idx == ARM_MMU_IDX_PL1 || mmu_idx == ARM_MMU_IDX_PL0);
    if (r->hyp) {
        r->sctlr = env->cp15.hsctlr;
        /* Hyp always uses the long-descriptor format. */
        r->ttbcr = env->cp15.htcr | TTBCR_EAE;
    } else {
        r->sctlr = env->cp15.sctlr[r->bank];
        r->ttbcr = arm_feature(env, ARM_FEATURE_LPAE) ? env->cp15.ttbcr[r->bank]
                                                      : env->cp15.ttbcr[r->bank] & ~TTBCR_EAE;
    }
}

/* Whether the regime of MMU_IDX reports faults in the long-descriptor format. */
static bool regime_uses_lpae(CPUARMState *env, int mmu_idx)
{
    Regime r;

    get_regime(env, mmu_idx, &r);
    return r.ttbcr & TTBCR_EAE;
}

static bool walk_stage2(CPUARMState *env, uint64_t ipa, MMUAccessType type,
                        ARMTranslation *res, ARMFault *fi);

/*
 * A descriptor read: false on an external abort (nothing at PA), or with
 * FI set to a stage 2 fault when the regime's descriptor addresses are
 * IPAs (HCR.VM) and stage 2 refuses this one.
 */
static bool walk_load(CPUARMState *env, const Regime *r, uint64_t pa, unsigned size,
                      uint64_t *val, ARMFault *fi)
{
    uint8_t buf[8];
    bool locked = bql_locked();
    MemTxResult res;
    uint64_t v = 0;

    if (r->stage2) {
        ARMTranslation s2;

        if (!walk_stage2(env, pa, MMU_DATA_LOAD, &s2, fi)) {
            fi->s1ptw = true;
            return false;
        }
        pa = s2.phys;
    }
    /* The memory API runs under the big lock; the vCPU does not hold it. */
    if (!locked) {
        bql_lock();
    }
    res = address_space_read(&address_space_memory, pa, MEMTXATTRS_UNSPECIFIED, buf, size);
    if (!locked) {
        bql_unlock();
    }
    if (res != MEMTX_OK) {
        qemu_log_mask(CPU_LOG_MMU, "arm ptw: external abort reading descriptor at 0x%"
                      PRIx64 "\n", pa);
        return false;
    }
    for (unsigned i = 0; i < size; i++) {
        unsigned b = (r->sctlr & SCTLR_EE) ? size - 1 - i : i;

        v |= (uint64_t)buf[i] << (8 * b);
    }
    *val = v;
    return true;
}

/*
 * Access permissions of AP[2:0] (short descriptors). With SCTLR.AFE the
 * simplified model: AP[0] is the access flag, only AP[2:1] count.
 */
static int ap_to_prot(uint32_t ap, bool afe, bool user)
{
    if (afe) {
        switch ((ap >> 1) & 3) {
        case 0:
            return user ? 0 : PAGE_READ | PAGE_WRITE;
        case 1:
            return PAGE_READ | PAGE_WRITE;
        case 2:
            return user ? 0 : PAGE_READ;
        default:
            return PAGE_READ;
        }
    }
    switch (ap & 7) {
    case 1:
        return user ? 0 : PAGE_READ | PAGE_WRITE;
    case 2:
        return user ? PAGE_READ : PAGE_READ | PAGE_WRITE;
    case 3:
        return PAGE_READ | PAGE_WRITE;
    case 5:
        return user ? 0 : PAGE_READ;
    case 6:
    case 7:
        return PAGE_READ;
    default:    /* 0: no access; 4: reserved */
        return 0;
    }
}

static int access_bit(MMUAccessType type)
{
    return type == MMU_DATA_STORE ? PAGE_WRITE : type == MMU_INST_FETCH ? PAGE_EXEC : PAGE_READ;
}

static bool walk_short(CPUARMState *env, const Regime *r, uint32_t va, MMUAccessType type,
                       ARMTranslation *res, ARMFault *fi)
{
    uint32_t n = r->ttbcr & TTBCR_N;
    bool has_pxn = arm_feature(env, ARM_FEATURE_LPAE);
    bool afe = r->sctlr & SCTLR_AFE;
    uint64_t desc, pa;
    uint32_t d1, d2, ap, dacr_field;
    bool xn, pxn = false, af;
    int level = 1, domain;

    fi->lpae = false;
    if (n == 0 || (va >> (32 - n)) == 0) {
        if (r->ttbcr & TTBCR_PD0) {
            goto translation_fault;
        }
        pa = (env->cp15.ttbr0[r->bank] & (0xffffffffu << (14 - n))) |
             (((va >> 20) & (0xfffu >> n)) << 2);
    } else {
        if (r->ttbcr & TTBCR_PD1) {
            goto translation_fault;
        }
        pa = (env->cp15.ttbr1[r->bank] & 0xffffc000u) | ((va >> 20) << 2);
    }
    pa &= 0xffffffffu;
    if (!walk_load(env, r, pa, 4, &desc, fi)) {
        if (!fi->stage2) {
            fi->type = ARM_FAULT_EXT_WALK;
            fi->level = 1;
        }
        return false;
    }
    d1 = desc;
    qemu_log_mask(CPU_LOG_MMU, "arm ptw: va 0x%08x L1 desc at 0x%08" PRIx64 " = 0x%08x\n",
                  va, pa, d1);
    switch (d1 & 3) {
    case 1:     /* page table */
        domain = (d1 >> 5) & 0xf;
        fi->domain = domain;
        pxn = has_pxn && (d1 & (1u << 2));
        res->ns = d1 & (1u << 3);
        pa = (d1 & 0xfffffc00u) | ((va >> 10) & 0x3fc);
        level = 2;
        if (!walk_load(env, r, pa, 4, &desc, fi)) {
            if (!fi->stage2) {
                fi->type = ARM_FAULT_EXT_WALK;
                fi->level = 2;
            }
            return false;
        }
        d2 = desc;
        qemu_log_mask(CPU_LOG_MMU, "arm ptw: va 0x%08x L2 desc at 0x%08" PRIx64
                      " = 0x%08x\n", va, pa, d2);
        switch (d2 & 3) {
        case 0:
            goto translation_fault;
        case 1:     /* large page, 64 KiB */
            res->phys = (d2 & 0xffff0000u) | (va & 0xffff);
            res->page_size = 0x10000;
            xn = d2 & (1u << 15);
            break;
        default:    /* small page, 4 KiB */
            res->phys = (d2 & 0xfffff000u) | (va & 0xfff);
            res->page_size = 0x1000;
            xn = d2 & 1;
            break;
        }
        ap = ((d2 >> 4) & 3) | ((d2 >> 7) & 4);
        af = d2 & (1u << 4);
        break;
    case 2:     /* section or supersection */
        if (d1 & (1u << 18)) {
            /* Supersection: 16 MiB, PA[35:32] in bits 23:20 (ignored above 4G). */
            domain = 0;
            res->phys = ((uint64_t)(d1 >> 20 & 0xf) << 32) | (d1 & 0xff000000u) |
                        (va & 0xffffff);
            res->page_size = 0x1000000;
        } else {
            domain = (d1 >> 5) & 0xf;
            res->phys = (d1 & 0xfff00000u) | (va & 0xfffff);
            res->page_size = 0x100000;
        }
        fi->domain = domain;
        res->ns = d1 & (1u << 19);
        xn = d1 & (1u << 4);
        pxn = has_pxn && (d1 & 1);
        ap = ((d1 >> 10) & 3) | ((d1 >> 13) & 4);
        af = d1 & (1u << 10);
        break;
    default:    /* 0: fault; 3: reserved (PXN-capable: also a fault) */
        fi->domain = 0;
        goto translation_fault;
    }
    dacr_field = (env->cp15.dacr[r->bank] >> (2 * domain)) & 3;
    if (dacr_field == 0 || dacr_field == 2) {
        fi->type = ARM_FAULT_DOMAIN;
        fi->level = level;
        return false;
    }
    if (afe && !af) {
        fi->type = ARM_FAULT_ACCESS_FLAG;
        fi->level = level;
        return false;
    }
    if (dacr_field == 3) {
        /* Manager: no permission checks at all. */
        res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    } else {
        res->prot = ap_to_prot(ap, afe, r->user);
        /* Fetching needs read permission; XN and (PL1) PXN forbid it. */
        if ((res->prot & PAGE_READ) && !xn && !(pxn && !r->user)) {
            res->prot |= PAGE_EXEC;
        }
    }
    if (!(res->prot & access_bit(type))) {
        fi->type = ARM_FAULT_PERMISSION;
        fi->level = level;
        return false;
    }
    return true;

translation_fault:
    fi->type = ARM_FAULT_TRANSLATION;
    fi->level = level;
    return false;
}

static bool walk_long(CPUARMState *env, const Regime *r, uint32_t va, MMUAccessType type,
                      ARMTranslation *res, ARMFault *fi)
{
    uint32_t t0sz = r->ttbcr & 7, t1sz = (r->ttbcr >> 16) & 7;
    uint64_t ttbr, desc, table;
    uint32_t tsz;
    int level, ap_table = 0, stride_bits;
    bool xn_table = false, pxn_table = false;
    bool xn, pxn, ro, user_ok;

    fi->lpae = true;
    fi->domain = 0;
    if (r->hyp) {
        tsz = t0sz;
        ttbr = env->cp15.httbr;
        if (t0sz && (va >> (32 - t0sz))) {
            fi->type = ARM_FAULT_TRANSLATION;
            fi->level = 1;
            return false;
        }
    } else if (t1sz && (va >> (32 - t1sz)) == (0xffffffffu >> (32 - t1sz))) {
        tsz = t1sz;
        ttbr = env->cp15.ttbr1[r->bank];
        if (r->ttbcr & TTBCR_EPD1) {
            fi->type = ARM_FAULT_TRANSLATION;
            fi->level = 1;
            return false;
        }
    } else if (t0sz == 0 || (va >> (32 - t0sz)) == 0) {
        tsz = t0sz;
        ttbr = env->cp15.ttbr0[r->bank];
        if (r->ttbcr & TTBCR_EPD0) {
            fi->type = ARM_FAULT_TRANSLATION;
            fi->level = 1;
            return false;
        }
    } else if (t1sz == 0) {
        tsz = 0;
        ttbr = env->cp15.ttbr1[r->bank];
        if (r->ttbcr & TTBCR_EPD1) {
            fi->type = ARM_FAULT_TRANSLATION;
            fi->level = 1;
            return false;
        }
    } else {
        fi->type = ARM_FAULT_TRANSLATION;
        fi->level = 1;
        return false;
    }
    /* T*SZ 0..1: the walk starts at level 1 (VA[31:30]); else at level 2. */
    if (tsz <= 1) {
        level = 1;
        stride_bits = 2 - tsz;
        table = ttbr & 0xffffffffffull & ~((8ull << stride_bits) - 1);
    } else {
        level = 2;
        stride_bits = 11 - tsz;
        table = ttbr & 0xffffffffffull & ~((8ull << stride_bits) - 1);
    }
    for (;;) {
        int shift = level == 1 ? 30 : level == 2 ? 21 : 12;
        uint64_t index = (va >> shift) & ((1u << stride_bits) - 1);
        uint64_t pa = table + index * 8;

        if (!walk_load(env, r, pa, 8, &desc, fi)) {
            if (!fi->stage2) {
                fi->type = ARM_FAULT_EXT_WALK;
                fi->level = level;
            }
            return false;
        }
        qemu_log_mask(CPU_LOG_MMU, "arm ptw: va 0x%08x L%d desc at 0x%" PRIx64 " = 0x%016"
                      PRIx64 "\n", va, level, pa, desc);
        if (!(desc & 1) || (level == 3 && !(desc & 2))) {
            fi->type = ARM_FAULT_TRANSLATION;
            fi->level = level;
            return false;
        }
        if (level < 3 && (desc & 2)) {
            /* Table: its attributes restrict everything below. */
            ap_table |= (desc >> 61) & 3;
            xn_table |= (desc >> 60) & 1;
            pxn_table |= (desc >> 59) & 1;
            res->ns |= (desc >> 63) & 1;
            table = desc & 0xfffffff000ull;
            level++;
            stride_bits = 9;
            continue;
        }
        /* Block (levels 1 and 2) or page (level 3). */
        res->ns |= (desc >> 5) & 1;
        res->page_size = 1ull << shift;
        res->phys = (desc & 0xffffffffffull & ~(res->page_size - 1)) |
                    (va & (res->page_size - 1));
        break;
    }
    if (!(desc & (1u << 10))) {
        fi->type = ARM_FAULT_ACCESS_FLAG;
        fi->level = level;
        return false;
    }
    ro = (desc & (1u << 7)) || (ap_table & 2);
    /* AP[1] (PL0 access) has no meaning at PL2. */
    user_ok = r->hyp || ((desc & (1u << 6)) && !(ap_table & 1));
    xn = (desc >> 54 & 1) || xn_table;
    pxn = (desc >> 53 & 1) || pxn_table;
    if (r->user && !user_ok) {
        res->prot = 0;
    } else {
        res->prot = PAGE_READ | (ro ? 0 : PAGE_WRITE);
        if (!xn && !(pxn && !r->user && !r->hyp)) {
            res->prot |= PAGE_EXEC;
        }
    }
    if (!(res->prot & access_bit(type))) {
        fi->type = ARM_FAULT_PERMISSION;
        fi->level = level;
        return false;
    }
    return true;
}

/*
 * Stage 2 (ARM ARM B3.6.1, LPAE format only): IPA to PA for the Non-secure
 * PL1&0 regime under HCR.VM, VTTBR/VTCR. VTCR.T0SZ is a signed 4-bit
 * field (IPA size 32 - T0SZ, up to 40 bits), SL0 the start level (0:
 * level 2, 1: level 1), with concatenated first-level tables. Block and
 * page descriptors give S2AP (bit 6 read, bit 7 write), AF and XN; an
 * instruction fetch needs read permission. Faults set FI->stage2.
 */
static bool walk_stage2(CPUARMState *env, uint64_t ipa, MMUAccessType type,
                        ARMTranslation *res, ARMFault *fi)
{
    uint32_t vtcr = env->cp15.vtcr;
    int t0sz = (int)((vtcr & 0xf) ^ 8) - 8;
    int sl0 = (vtcr >> 6) & 3;
    int inputsize = 32 - t0sz;
    int level = sl0 == 1 ? 1 : 2;
    int shift = level == 1 ? 30 : 21;
    int bits = inputsize - shift;
    uint64_t table, desc;
    /* Stage 2 descriptors are physical, in HSCTLR.EE's byte order. */
    Regime phys = { .bank = ARM_NS, .sctlr = env->cp15.hsctlr };
    ARMFault saved = *fi;
    int s2ap;

    fi->stage2 = true;
    fi->lpae = true;
    fi->domain = 0;
    fi->ipa = ipa;
    fi->level = level;
    fi->type = ARM_FAULT_TRANSLATION;
    if (sl0 > 1 || bits < 1 || bits > 13 || (ipa >> inputsize)) {
        return false;
    }
    table = env->cp15.vttbr & 0xffffffffffull & ~((8ull << bits) - 1);
    for (;;) {
        uint64_t pa = table + ((ipa >> shift) & ((1ull << bits) - 1)) * 8;

        if (!walk_load(env, &phys, pa, 8, &desc, fi)) {
            fi->type = ARM_FAULT_EXT_WALK;
            fi->level = level;
            return false;
        }
        qemu_log_mask(CPU_LOG_MMU, "arm ptw: ipa 0x%010" PRIx64 " S2 L%d desc at 0x%" PRIx64
                      " = 0x%016" PRIx64 "\n", ipa, level, pa, desc);
        fi->level = level;
        if (!(desc & 1) || (level == 3 && !(desc & 2))) {
            return false;
        }
        if (level < 3 && (desc & 2)) {
            table = desc & 0xfffffff000ull;
            level++;
            shift -= 9;
            bits = 9;
            continue;
        }
        break;
    }
    if (!(desc & (1u << 10))) {
        fi->type = ARM_FAULT_ACCESS_FLAG;
        return false;
    }
    res->page_size = 1ull << shift;
    res->phys = (desc & 0xffffffffffull & ~(res->page_size - 1)) | (ipa & (res->page_size - 1));
    s2ap = (desc >> 6) & 3;
    res->prot = ((s2ap & 1) ? PAGE_READ : 0) | ((s2ap & 2) ? PAGE_WRITE : 0);
    if ((s2ap & 1) && !(desc >> 54 & 1)) {
        res->prot |= PAGE_EXEC;
    }
    if (!(res->prot & access_bit(type))) {
        fi->type = ARM_FAULT_PERMISSION;
        return false;
    }
    *fi = saved;
    return true;
}

/* Stage 1 of the regime of MMU_IDX (ATS1C* stop here). */
static bool get_phys_addr_s1(CPUARMState *env, const Regime *r, uint32_t va,
                             MMUAccessType type, ARMTranslation *res, ARMFault *fi)
{
    if (!(r->sctlr & SCTLR_M)) {
        /* MMU off: flat, every access allowed (default memory attributes). */
        res->phys = va;
        res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        res->page_size = TARGET_PAGE_SIZE;
        return true;
    }
    return (r->ttbcr & TTBCR_EAE) ? walk_long(env, r, va, type, res, fi)
                                  : walk_short(env, r, va, type, res, fi);
}

static bool get_phys_addr(CPUARMState *env, uint32_t va, MMUAccessType type, int mmu_idx,
                          bool s1_only, ARMTranslation *res, ARMFault *fi)
{
    Regime r;
    bool ok;

    get_regime(env, mmu_idx, &r);
    memset(fi, 0, sizeof(*fi));
    res->ns = false;
    fi->lpae = r.ttbcr & TTBCR_EAE;
    if (s1_only) {
        r.stage2 = false;
    }
    ok = get_phys_addr_s1(env, &r, va, type, res, fi);
    /* The NS bits mean something only to Secure walks. */
    res->ns &= r.bank == ARM_S;
    if (ok && r.stage2) {
        ARMTranslation s2;

        ok = walk_stage2(env, res->phys, type, &s2, fi);
        if (ok) {
            res->phys = s2.phys;
            res->prot &= s2.prot;
            res->page_size = MIN(res->page_size, s2.page_size);
        }
    }
    if (!ok && fi->stage2) {
        qemu_log_mask(CPU_LOG_MMU, "arm ptw: va 0x%08x mmu_idx %d: stage 2 fault at ipa 0x%"
                      PRIx64 "%s, type %d level %d\n", va, mmu_idx, fi->ipa,
                      fi->s1ptw ? " (stage 1 walk)" : "", fi->type, fi->level);
        return false;
    }
    if (!ok) {
        static const char *const names[] = {
            [ARM_FAULT_TRANSLATION] = "translation", [ARM_FAULT_ACCESS_FLAG] = "access flag",
            [ARM_FAULT_DOMAIN] = "domain", [ARM_FAULT_PERMISSION] = "permission",
            [ARM_FAULT_EXT_WALK] = "external abort on walk",
        };
        qemu_log_mask(CPU_LOG_MMU, "arm ptw: va 0x%08x %s mmu_idx %d: %s fault, level %d\n",
                      va, type == MMU_DATA_STORE ? "write" :
                      type == MMU_INST_FETCH ? "fetch" : "read", mmu_idx,
                      names[fi->type] ? names[fi->type] : "?", fi->level);
    } else {
        qemu_log_mask(CPU_LOG_MMU, "arm ptw: va 0x%08x mmu_idx %d -> pa 0x%" PRIx64
                      " prot %x\n", va, mmu_idx, res->phys, res->prot);
    }
    return ok;
}

bool arm_get_phys_addr(CPUARMState *env, uint32_t va, MMUAccessType type, int mmu_idx,
                       ARMTranslation *res, ARMFault *fi)
{
    return get_phys_addr(env, va, type, mmu_idx, false, res, fi);
}

uint32_t arm_fault_fsr(const ARMFault *fi, MMUAccessType type)
{
    uint32_t fsr, wnr = type == MMU_DATA_STORE ? 1u << 11 : 0;

    if (fi->lpae) {
        switch (fi->type) {
        case ARM_FAULT_TRANSLATION:
            fsr = 0x04 | fi->level;
            break;
        case ARM_FAULT_ACCESS_FLAG:
            fsr = 0x08 | fi->level;
            break;
        case ARM_FAULT_PERMISSION:
        case ARM_FAULT_DOMAIN:
            fsr = 0x0c | fi->level;
            break;
        case ARM_FAULT_EXT_WALK:
            fsr = 0x14 | fi->level;
            break;
        case ARM_FAULT_ALIGNMENT:
            fsr = 0x21;
            break;
        default:
            fsr = 0x22;     /* debug event */
            break;
        }
        return fsr | (1u << 9) | wnr;
    }
    bool page = fi->level >= 2;

    switch (fi->type) {
    case ARM_FAULT_TRANSLATION:
        fsr = page ? 0x07 : 0x05;
        break;
    case ARM_FAULT_ACCESS_FLAG:
        fsr = page ? 0x06 : 0x03;
        break;
    case ARM_FAULT_DOMAIN:
        fsr = page ? 0x0b : 0x09;
        break;
    case ARM_FAULT_PERMISSION:
        fsr = page ? 0x0f : 0x0d;
        break;
    case ARM_FAULT_EXT_WALK:
        fsr = page ? 0x0e : 0x0c;
        break;
    case ARM_FAULT_ALIGNMENT:
        fsr = 0x01;
        break;
    default:
        fsr = 0x02;
        break;
    }
    /* The domain is reported for data aborts past the first-level lookup. */
    if (type != MMU_INST_FETCH && fi->type != ARM_FAULT_ALIGNMENT) {
        fsr |= (uint32_t)fi->domain << 4;
    }
    return fsr | wnr;
}

/* Raises the abort of FI at ADDR with the state of the access at RETADDR. */
static G_NORETURN void raise_abort(CPUState *cs, vaddr addr, MMUAccessType type,
                                   const ARMFault *fi, uintptr_t retaddr)
{
    ARMCPU *cpu = ARM_CPU(cs);

    cpu->fault.fsr = arm_fault_fsr(fi, type);
    cpu->fault.far = addr;
    cpu->fault.ea = fi->type == ARM_FAULT_EXT_WALK;
    cpu->fault.stage2 = fi->stage2;
    cpu->fault.s1ptw = fi->s1ptw;
    cpu->fault.ipa = fi->ipa;
    cs->exception_index = type == MMU_INST_FETCH ? EXCP_PREFETCH_ABORT : EXCP_DATA_ABORT;
    qemu_log_mask(CPU_LOG_MMU, "arm: %s abort at 0x%08" PRIx64 " fsr 0x%x\n",
                  type == MMU_INST_FETCH ? "prefetch" : "data", (uint64_t)addr,
                  cpu->fault.fsr);
    cpu_loop_exit_restore(cs, retaddr);
}

bool arm_cpu_tlb_fill(CPUState *cs, vaddr addr, int size, MMUAccessType type, int mmu_idx,
                      bool probe, uintptr_t retaddr)
{
    CPUARMState *env = &ARM_CPU(cs)->env;
    ARMTranslation res;
    ARMFault fi;

    if (!arm_get_phys_addr(env, addr, type, mmu_idx, &res, &fi)) {
        if (probe) {
            return false;
        }
        raise_abort(cs, addr, type, &fi, retaddr);
    }
    tlb_set_page_sized(cs, addr & TARGET_PAGE_MASK,
                       res.phys & ~(uint64_t)(TARGET_PAGE_SIZE - 1), res.prot, mmu_idx,
                       res.page_size);
    return true;
}

uint64_t arm_cpu_get_phys_page_debug(CPUState *cs, vaddr addr)
{
    CPUARMState *env = &ARM_CPU(cs)->env;
    ARMTranslation res;
    ARMFault fi;

    if (!arm_get_phys_addr(env, addr, MMU_DATA_LOAD, arm_mmu_idx(env), &res, &fi)) {
        return (uint64_t)-1;
    }
    return res.phys & TARGET_PAGE_MASK;
}

void arm_cpu_do_unaligned_access(CPUState *cs, vaddr addr, MMUAccessType type, int mmu_idx,
                                 uintptr_t retaddr)
{
    ARMFault fi = {
        .type = ARM_FAULT_ALIGNMENT,
        .lpae = regime_uses_lpae(&ARM_CPU(cs)->env, mmu_idx),
    };

    raise_abort(cs, addr, type, &fi, retaddr);
}

/* ---- address translation operations (c7, c8) ---- */

/*
 * ATS1C{P,U}{R,W} translate in the current security state at PL1/PL0;
 * ATS12NSO{P,U}{R,W} (Secure PL1 only) in the Non-secure state. opc2
 * bit 0 is the direction, bit 1 user, bit 2 the Non-secure forms.
 */
void arm_ats_write(CPUARMState *env, const ARMCPRegInfo *ri, int bank, uint64_t value)
{
    bool write = ri->opc2 & 1, user = ri->opc2 & 2, ns = ri->opc2 & 4;
    bool secure = !ns && arm_is_secure(env);
    int mmu_idx = secure ? (user ? ARM_MMU_IDX_S_PL0 : ARM_MMU_IDX_S_PL1)
                         : (user ? ARM_MMU_IDX_PL0 : ARM_MMU_IDX_PL1);
    ARMTranslation res;
    ARMFault fi;
    uint64_t par;
    bool ok = get_phys_addr(env, (uint32_t)value, write ? MMU_DATA_STORE : MMU_DATA_LOAD,
                            mmu_idx, true, &res, &fi);
    bool lpae = regime_uses_lpae(env, mmu_idx);

    if (lpae) {
        if (ok) {
            par = (res.phys & 0xfffffff000ull) | (1u << 11) | (res.ns ? 1u << 9 : 0);
        } else {
            fi.lpae = true;
            par = 1 | ((uint64_t)(arm_fault_fsr(&fi, MMU_DATA_LOAD) & 0x3f) << 1) | (1u << 11);
        }
    } else if (ok) {
        if (res.page_size == 0x1000000) {
            /* Supersection: PA[31:24], SS set. */
            par = (res.phys & 0xff000000u) | (1u << 1);
        } else {
            par = res.phys & 0xfffff000u;
        }
        par |= res.ns ? 1u << 9 : 0;
    } else {
        uint32_t fsr = arm_fault_fsr(&fi, MMU_DATA_LOAD);

        par = 1 | ((fsr & 0xf) << 1) | ((fsr >> 10 & 1) << 5);
    }
    qemu_log_mask(CPU_LOG_MMU, "arm: ATS %s%s%s va 0x%08x -> PAR 0x%" PRIx64 "\n",
                  ns ? "NS " : "", user ? "PL0 " : "PL1 ", write ? "write" : "read",
                  (uint32_t)value, par);
    env->cp15.par[bank] = par;
}

bool arm_ats_ns_access(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    /* The Non-secure forms from Secure PL1 only (Monitor included). */
    return arm_is_secure(env) && !arm_is_user(env);
}
