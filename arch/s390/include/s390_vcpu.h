/* The no-SIE guest machinery shared by testvisor's s390x files: guest memory through
 * the guest's prefix, interruption delivery, instruction emulation. */
#ifndef S390_VCPU_H
#define S390_VCPU_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/arch_if.h>
#include <hv/vm.h>
#include <insn_decode.h>
#include <s390_arch.h>
#include <tv_diag.h>

#define GUEST_PREFIX_SIZE 0x2000ULL

/* Guest real address -> guest absolute address (prefixing). */
static inline uint64_t guest_real_to_abs(const struct vcpu *vcpu, uint64_t real)
{
	uint64_t prefix = vcpu->arch.prefix;
	if (real < GUEST_PREFIX_SIZE)
		return real + prefix;
	if (real - prefix < GUEST_PREFIX_SIZE)
		return real - prefix;
	return real;
}

/* The host address of `len` bytes of guest real memory when they lie in one page of
 * guest RAM (the common case of an instruction operand); NULL otherwise, and the caller
 * takes the general path (guest_read/guest_write). Guest RAM starts at absolute 0. */
static inline void *guest_real_ptr(const struct vcpu *vcpu, uint64_t real, size_t len)
{
	if ((real & (PAGE_SIZE - 1)) + len > PAGE_SIZE)
		return NULL;
	uint64_t abs = guest_real_to_abs(vcpu, real);
	if (abs >= vcpu->vm->ram_size)
		return NULL;
	return (uint8_t *)ptr_from_pa(vcpu->vm->ram_pa) + abs;
}

/* The guest's lowcore (its prefix area is always inside its RAM: SPX checks). */
static inline uint8_t *guest_lowcore(const struct vcpu *vcpu)
{
	return (uint8_t *)ptr_from_pa(vcpu->vm->ram_pa) + vcpu->arch.prefix;
}
/* Copies guest real memory; false when any byte is outside guest RAM. */
bool guest_read(const struct vcpu *vcpu, uint64_t real, void *dst, size_t len);
bool guest_write(struct vcpu *vcpu, uint64_t real, const void *src, size_t len);
bool guest_abs_read(const struct vm *vm, uint64_t abs, void *dst, size_t len);
bool guest_abs_write(struct vm *vm, uint64_t abs, const void *src, size_t len);

/* CPU reset (initial CPU reset): stopped-state registers, prefix 0. */
void vcpu_reset(struct vcpu *vcpu);

/* DAT tables (dat.c): the VM's absolute mapping, and each vCPU's real space. */
int dat_vm_init(struct vm *vm);
void dat_vm_destroy(struct vm *vm);
int dat_map(struct vm *vm, uint64_t guest_abs, paddr_t pa, size_t len);
uint64_t dat_asce(const struct vm *vm);
int dat_vcpu_init(struct vcpu *vcpu);
void dat_vcpu_destroy(struct vcpu *vcpu);
/* Rebuilds the vCPU's real-space view for its current prefix. */
void dat_vcpu_prefix(struct vcpu *vcpu);
uint64_t dat_vcpu_asce(const struct vcpu *vcpu);
/* After SPX or SIGP SET PREFIX moved a vCPU's prefix. */
void dat_prefix_changed(struct vcpu *vcpu, uint32_t old_prefix);

/* Interruption delivery into the guest (old/new PSW swap through its lowcore). */
void irq_program(struct vcpu *vcpu, uint16_t code, unsigned ilc);
void irq_svc(struct vcpu *vcpu, uint16_t code, unsigned ilc);
/* External interruption: parameter (0x80), CPU address (0x84), code (0x86). */
void irq_external(struct vcpu *vcpu, uint16_t code, uint16_t cpu, uint32_t param);
/* Restart interruption (SIGP RESTART): old PSW to 0x120, new PSW from 0x1a0. */
void irq_restart(struct vcpu *vcpu);
/* Presents the highest-priority pending interruption the guest has enabled; true when
 * one was delivered. */
bool irq_deliver_pending(struct vcpu *vcpu);
bool irq_any_enabled_pending(const struct vcpu *vcpu);
/* What is pending for the guest and held back by its PSW or control registers. */
struct sie_held;
void irq_held(const struct vcpu *vcpu, struct sie_held *held);
/* Whether the guest PSW enables any interruption (a wait PSW that does not is the end). */
static inline bool psw_enables_interrupts(uint64_t mask)
{
	return mask & (PSW_MASK_EXT | PSW_MASK_IO | PSW_MASK_MCHK);
}

/* Privileged-instruction emulation: the instruction that trapped is at the guest PSW
 * address minus `ilc` bytes. Returns whether the guest can be resumed at once or the
 * core must look (hv/arch_if.h). */
enum exit_action emulate_privileged(struct vcpu *vcpu, unsigned ilc);
/* The same for an instruction already in hand (SIE interceptions give its bytes). */
enum exit_action emulate_insn(struct vcpu *vcpu, const uint8_t bytes[6], unsigned ilc);
static inline void set_cc(struct vcpu *vcpu, unsigned cc)
{
	vcpu->arch.psw_mask = (vcpu->arch.psw_mask & ~0x0000300000000000ULL) |
			      ((uint64_t)(cc & 3) << 44);
}

/* Guest SCLP: runs the command at `sccb` (already checked for alignment). */
void sclp_guest_call(struct vcpu *vcpu, uint32_t cmd, uint64_t sccb);


#endif
