/* PSCI and SMCCC calls of a guest, over HVC or SMC: what each call does to the VM. Which
 * calls exist for the VM's PSCI version is decided by psci_table.c alone. */
#include <hv/vm.h>
#include <arm64/smccc.h>
#include "arm64.h"

#define MPIDR_AFF_MASK 0xff00ffffffull

static struct vcpu *vcpu_by_mpidr(struct vm *vm, uint64_t mpidr)
{
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		if ((vm->vcpus[i].arch.vmpidr & MPIDR_AFF_MASK) == (mpidr & MPIDR_AFF_MASK))
			return &vm->vcpus[i];
	return NULL;
}

static int64_t cpu_on(struct vcpu *vcpu, uint64_t mpidr, uint64_t entry, uint64_t context)
{
	struct vm *vm = vcpu->vm;
	struct vcpu *target = vcpu_by_mpidr(vm, mpidr);
	if (!target)
		return PSCI_INVALID_PARAMETERS;
	if (target->state != VCPU_OFF)
		return PSCI_ALREADY_ON;
	paddr_t pa;
	if (!vm_ipa_to_pa(vm, ipa_init(entry), 4, &pa) || (entry & 3))
		return PSCI_INVALID_ADDRESS;
	vcpu_reset(target, entry, context);
	target->state = VCPU_RUNNABLE;
	return PSCI_SUCCESS;
}

static int64_t affinity_info(struct vcpu *vcpu, uint64_t mpidr, uint64_t level)
{
	if (level != 0)
		return PSCI_INVALID_PARAMETERS;
	struct vcpu *target = vcpu_by_mpidr(vcpu->vm, mpidr);
	if (!target)
		return PSCI_INVALID_PARAMETERS;
	return target->state == VCPU_OFF ? 1 : 0; /* OFF : ON */
}

/* The guest ends itself. SYSTEM_OFF and the resets carry no status, and QEMU virt offers
 * a guest nothing else testvisor could see (semihosting cannot be trapped at EL2 under
 * TCG): the verdict is taken from the guest's lines and says that no exit status was
 * cross-checked with its EXIT line (docs/arm64.md). */
static void end_guest(struct vcpu *vcpu)
{
	vm_guest_exit(vcpu->vm, 0);
}

enum exit_action smccc_handle(struct vcpu *vcpu, bool smc)
{
	struct vm *vm = vcpu->vm;
	uint64_t *x = vcpu->arch.regs.x;
	uint32_t fid = (uint32_t)x[0];
	unsigned version = vm->arch.psci_version;
	int64_t ret = PSCI_NOT_SUPPORTED;

	switch (smccc_lookup(fid, version)) {
	case CALL_NONE:
		break;
	case CALL_PSCI_VERSION:
		ret = version;
		break;
	case CALL_CPU_SUSPEND:
		ret = PSCI_SUCCESS; /* a standby state: returns at once, as if woken */
		break;
	case CALL_CPU_OFF:
		vcpu->state = VCPU_OFF;
		return EXIT_TO_CORE;
	case CALL_CPU_ON:
		ret = cpu_on(vcpu, x[1], x[2], x[3]);
		break;
	case CALL_AFFINITY_INFO:
		ret = affinity_info(vcpu, x[1], x[2]);
		break;
	case CALL_MIGRATE_INFO_TYPE:
		ret = 2; /* no trusted OS that would need migrating */
		break;
	case CALL_SYSTEM_OFF:
	case CALL_SYSTEM_RESET:
		end_guest(vcpu);
		return EXIT_TO_CORE;
	case CALL_SYSTEM_RESET2:
		/* Architectural warm reset (0) or a vendor reset (bit 31); others are invalid. */
		if ((uint32_t)x[1] != 0 && !((uint32_t)x[1] & 0x80000000u)) {
			ret = PSCI_INVALID_PARAMETERS;
			break;
		}
		end_guest(vcpu);
		return EXIT_TO_CORE;
	case CALL_SYSTEM_OFF2:
		if ((uint32_t)x[1] > 1 || x[2] != 0) { /* 0 or HIBERNATE_OFF, cookie 0 */
			ret = PSCI_INVALID_PARAMETERS;
			break;
		}
		end_guest(vcpu);
		return EXIT_TO_CORE;
	case CALL_PSCI_FEATURES:
		ret = psci_features((uint32_t)x[1], version);
		break;
	case CALL_SMCCC_VERSION:
		ret = SMCCC_VERSION_1_1;
		break;
	case CALL_SMCCC_ARCH_FEATURES:
		ret = smccc_arch_features((uint32_t)x[1], version);
		break;
	case CALL_VENDOR_UID:
		x[0] = TESTVISOR_UUID_W0;
		x[1] = TESTVISOR_UUID_W1;
		x[2] = TESTVISOR_UUID_W2;
		x[3] = TESTVISOR_UUID_W3;
		return EXIT_RESUME;
	case CALL_VENDOR_REVISION:
		x[0] = 1;
		x[1] = 0;
		return EXIT_RESUME;
	}
	/* Sign-extended for SMC32 calls too, as QEMU's and KVM's PSCI do. */
	x[0] = (uint64_t)ret;
	(void)smc;
	/* CPU_ON may have made another vCPU runnable: the core schedules it on the tick. */
	return EXIT_RESUME;
}
