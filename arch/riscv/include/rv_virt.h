/* Internal interface of testvisor's riscv64 virtualization (arch/riscv/). */
#ifndef RV_VIRT_H
#define RV_VIRT_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/arch_if.h>
#include <hv/vm.h>
#include <riscv_csr.h>

/* What this hart offers guests, probed once (virt.c). */
struct rv_host_caps {
	bool h;                 /* H extension */
	bool sstc;              /* stimecmp / vstimecmp */
	uint64_t henvcfg_bits;  /* henvcfg bits that stick when written */
	bool pmlen7, pmlen16;   /* henvcfg.PMM encodings that stick */
	bool fw_misaligned_deleg; /* firmware delegated misaligned traps to HS */
	bool stateen_envcfg;    /* Smstateen: hstateen0.ENVCFG set, guests may use senvcfg */
};
extern struct rv_host_caps rv_caps;

/* Whether the guest's DTB lists the host hart's extension `name` (guest_isa.c). */
bool rv_guest_extension_offered(const char *name, const struct rv_host_caps *caps);

/* henvcfg bits every vCPU starts with when the hart has them (rv_caps.henvcfg_bits):
 * guest timer compare (Sstc), page-based memory types in VS-stage PTEs (Svpbmt: PBMTE,
 * else those PTE bits are reserved and fault) and the cache-block operations (Zicbom:
 * cbo.clean/flush/inval, Zicboz: cbo.zero), which VS-mode may execute only with henvcfg
 * CBCFE/CBIE/CBZE set (else a virtual-instruction exception); the DTB lists svpbmt,
 * zicbom and zicboz only then.
 * cbo.inval is made a flush (CBIE = 01), never a real invalidate: discarding dirty lines
 * could bring back what a previous guest left in memory under testvisor's clearing. */
#define HENVCFG_GUEST_ALWAYS (ENVCFG_STCE | ENVCFG_PBMTE | ENVCFG_CBIE_FLUSH | ENVCFG_CBCFE | \
			      ENVCFG_CBZE)

/* Guest registers by number (x0 reads 0, writes to it are dropped). */
static inline uint64_t rv_greg(const struct vcpu *v, unsigned r)
{
	return r ? v->arch.sw.guest.x[r & 31] : 0;
}
static inline void rv_set_greg(struct vcpu *v, unsigned r, uint64_t val)
{
	if (r & 31)
		v->arch.sw.guest.x[r & 31] = val;
}

/* Exit handling (exits.c): EXIT_RESUME re-enters the guest, EXIT_TO_CORE returns from
 * arch_vcpu_run. The handlers below answer the same way. */
enum exit_action rv_handle_exit(struct vcpu *vcpu);
/* Makes the guest take exception `cause` with `tval` at its current pc (vcpu.c). */
void rv_inject_exception(struct vcpu *vcpu, uint64_t cause, uint64_t tval);
/* Reads the guest instruction at its pc (2 or 4 bytes); false when the fetch faults. */
bool rv_fetch_insn(struct vcpu *vcpu, uint32_t *insn);

/* Guest memory at a guest-virtual address, with the guest's own translation, byte by
 * byte; a fault gives its scause and the address of the byte that faulted. */
struct rv_guest_fault {
	uint64_t cause, addr;
};
bool rv_guest_read(struct vcpu *vcpu, uint64_t gva, void *dst, unsigned len,
		   struct rv_guest_fault *fault);
bool rv_guest_write(struct vcpu *vcpu, uint64_t gva, const void *src, unsigned len,
		    struct rv_guest_fault *fault);

/* The guest's FP registers (vcpu.c), for emulating its FP loads and stores: the register
 * file in arch.fp made current (taken off the hart when the vCPU is on it), or NULL when
 * the guest has its FP unit off (vsstatus.FS = Off). After changing them,
 * rv_guest_fp_written puts them back and marks the guest's FP state Dirty. */
uint64_t *rv_guest_fp_regs(struct vcpu *vcpu);
void rv_guest_fp_written(struct vcpu *vcpu);

/* The register side of an emulated access (emulate_regs.c). Call rv_emul_regs_ready
 * first: false means an FP form with the guest's FP off (an illegal instruction). */
struct rv_mem_insn;
bool rv_emul_regs_ready(struct vcpu *vcpu, const struct rv_mem_insn *mi);
uint64_t rv_emul_source(struct vcpu *vcpu, const struct rv_mem_insn *mi);   /* rs2 */
void rv_emul_set_rd(struct vcpu *vcpu, const struct rv_mem_insn *mi, uint64_t value);

/* The guest-page-fault path: MMIO emulation (mmio.c). */
enum exit_action rv_handle_guest_page_fault(struct vcpu *vcpu);
/* Misaligned load/store/AMO emulation (misaligned.c). */
enum exit_action rv_handle_misaligned(struct vcpu *vcpu);

/* The guest-spec keys of testvisor's SBI (srst_reboot, srst_failure_status) into
 * vm->arch; -1 when a value is not valid (sbi_base.c). */
int rv_sbi_configure(struct vm *vm);

/* SBI for guests (sbi.c) and its FWFT extension (fwft.c). */
enum exit_action rv_handle_sbi(struct vcpu *vcpu);
void rv_fwft_reset(struct vcpu *vcpu);

/* A suspended vCPU an interrupt has woken (vcpu.c): after a non-retentive HSM suspend it
 * starts at the resume address (sbi_hart.c); after a retentive one nothing changes. */
void rv_hsm_resume(struct vcpu *vcpu);

/* Starts a stopped vCPU at `pc` with a1 = `opaque` (HSM hart_start). */
void rv_vcpu_start(struct vcpu *vcpu, uint64_t pc, uint64_t opaque);

/* Guest timer (TIME extension). */
void rv_guest_timer_set(struct vcpu *vcpu, uint64_t when);

/* A software walk of the VM's G-stage tables (self-check, diagnostics). */
bool rv_gstage_translate(const struct vm *vm, ipaddr_t ipa, paddr_t *pa);
/* The VM's hgatp value (gstage.c). */
uint64_t rv_hgatp(const struct vm *vm);

/* The guest's DTB (guest_fdt.c): written into guest memory; returns its address. */
int rv_build_guest_fdt(struct vm *vm, ipaddr_t *where);

/* VS CSR values of a vCPU: on the hart while it runs, in arch.csrs otherwise. */
void rv_vcpu_load_csrs(struct vcpu *vcpu);
void rv_vcpu_save_csrs(struct vcpu *vcpu);
/* Updates henvcfg/hedeleg of the vCPU (FWFT) both in memory and, if loaded, on the hart. */
void rv_vcpu_set_henvcfg(struct vcpu *vcpu, uint64_t val);
void rv_vcpu_set_hedeleg(struct vcpu *vcpu, uint64_t val);
void rv_vcpu_set_hvip(struct vcpu *vcpu, uint64_t set, uint64_t clear);
/* Local fences standing in for remote ones (one physical hart runs every vCPU). */
void rv_fence_guest_tlb(void);
void rv_fence_i(void);
/* The vCPU whose VS CSRs are on the hart (NULL: none). */
extern struct vcpu *rv_loaded_vcpu;

/* Guest-virtual timer injection without Sstc. */
#define HVIP_VSSIP (1UL << IRQ_VS_SOFT)
#define HVIP_VSTIP (1UL << IRQ_VS_TIMER)
#define HVIP_VSEIP (1UL << IRQ_VS_EXT)

/* Exceptions delegated to the guest always (more with FWFT MISALIGNED_EXC_DELEG). */
#define HEDELEG_BASE ((1UL << EXC_INST_MISALIGNED) | (1UL << EXC_INST_ACCESS) | \
		      (1UL << EXC_ILLEGAL_INST) | (1UL << EXC_BREAKPOINT) | \
		      (1UL << EXC_LOAD_ACCESS) | (1UL << EXC_STORE_ACCESS) | \
		      (1UL << EXC_ECALL_U) | (1UL << EXC_INST_PAGE_FAULT) | \
		      (1UL << EXC_LOAD_PAGE_FAULT) | (1UL << EXC_STORE_PAGE_FAULT) | \
		      (1UL << EXC_SOFTWARE_CHECK))
#define HEDELEG_MISALIGNED ((1UL << EXC_LOAD_MISALIGNED) | (1UL << EXC_STORE_MISALIGNED))

#endif
