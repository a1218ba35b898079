/* Fuzz target: a guest's PSCI and SMCCC calls (arch/arm64/smccc.c over psci_table.c):
 * any function ID and arguments in X0-X3, over HVC or SMC, from any running vCPU, for a VM
 * offering any of the PSCI versions.
 * Input: 1 byte of set-up (vCPU count, PSCI version), then calls of 1 + 4 x 8 bytes: a
 * byte choosing the caller, HVC/SMC and how X0 is formed, then X0-X3.
 * Checks beyond the sanitizers: a vCPU is started only at a 4-byte aligned entry point in
 * guest RAM and only from OFF; the VM ends only through SYSTEM_OFF/RESET/RESET2/OFF2; a
 * call a version has is had by every later version; an unknown call answers
 * NOT_SUPPORTED. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hv/vm.h>
#include <arm64/smccc.h>
#include <arm64.h> /* vcpu_reset, smccc_handle */
#include "fuzz_input.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (64ull << 20)

static bool ended;
static uint64_t started_entry;

/* What smccc.c calls in the rest of testvisor. */
bool vm_ipa_to_pa(const struct vm *vm, ipaddr_t ipa, size_t len, paddr_t *pa)
{
	uint64_t a = ipa_addr(ipa);
	if (a < RAM_BASE || len > RAM_SIZE || a - RAM_BASE > RAM_SIZE - len)
		return false;
	pa->pa = (uintptr_t)a;
	return true;
}

void vcpu_reset(struct vcpu *vcpu, uint64_t entry, uint64_t x0)
{
	if (vcpu->state != VCPU_OFF || (entry & 3) || entry < RAM_BASE || entry - RAM_BASE >= RAM_SIZE)
		abort();
	started_entry = entry;
	memset(&vcpu->arch.regs, 0, sizeof(vcpu->arch.regs));
	vcpu->arch.regs.x[0] = x0;
}

void vm_guest_exit(struct vm *vm, int status) { ended = true; }

static const unsigned versions[] = {
	PSCI_VERSION_OF(0, 2), PSCI_VERSION_OF(1, 0), PSCI_VERSION_OF(1, 1),
	PSCI_VERSION_OF(1, 2), PSCI_VERSION_OF(1, 3),
};
#define NR_VERSIONS (sizeof(versions) / sizeof(versions[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vm vm;
	if (size < 1)
		return 0;
	memset(&vm, 0, sizeof(vm));
	vm.nr_vcpus = 1 + (data[0] & 3);
	unsigned vi = (data[0] >> 2) % NR_VERSIONS;
	vm.arch.psci_version = versions[vi];
	for (unsigned i = 0; i < vm.nr_vcpus; i++) {
		vm.vcpus[i].vm = &vm;
		vm.vcpus[i].id = i;
		vm.vcpus[i].arch.vmpidr = (1ull << 31) | i;
		vm.vcpus[i].state = i == 0 ? VCPU_RUNNABLE : VCPU_OFF;
	}
	ended = false;
	for (size_t p = 1; p + 33 <= size && !ended; p += 33) {
		uint8_t how = data[p];
		struct vcpu *v = &vm.vcpus[how % vm.nr_vcpus];
		if (v->state == VCPU_OFF)
			continue; /* an OFF vCPU makes no calls */
		uint64_t *x = v->arch.regs.x;
		for (unsigned r = 0; r < 4; r++)
			x[r] = fuzz_u64(data + p + 1 + 8 * r);
		/* Mostly the standard-service range (PSCI 0x84000000/0xC4000000, SMCCC
		 * 0x80000000), sometimes X0 as it came. */
		if (how & 0x30)
			x[0] = (x[0] & ~0x7fffff00ull) | (how & 0x20 ? 0x4000000ull : 0) | 0x80000000ull;
		uint32_t fid = (uint32_t)x[0];
		enum smccc_call call = smccc_lookup(fid, vm.arch.psci_version);
		for (unsigned later = vi; later < NR_VERSIONS; later++)
			if (call != CALL_NONE && smccc_lookup(fid, versions[later]) == CALL_NONE)
				abort();
		psci_features(fid, vm.arch.psci_version);
		smccc_arch_features(fid, vm.arch.psci_version);
		if (!smccc_call_name(fid))
			abort();
		enum vcpu_state before[VM_MAX_VCPUS];
		for (unsigned i = 0; i < vm.nr_vcpus; i++)
			before[i] = vm.vcpus[i].state;
		started_entry = 0;
		enum exit_action a = smccc_handle(v, how & 0x40);
		if (a != EXIT_RESUME && a != EXIT_TO_CORE)
			abort();
		if (call == CALL_NONE && (a != EXIT_RESUME || (int64_t)x[0] != PSCI_NOT_SUPPORTED))
			abort();
		if (ended && call != CALL_SYSTEM_OFF && call != CALL_SYSTEM_RESET &&
		    call != CALL_SYSTEM_RESET2 && call != CALL_SYSTEM_OFF2)
			abort();
		for (unsigned i = 0; i < vm.nr_vcpus; i++) {
			struct vcpu *t = &vm.vcpus[i];
			if (before[i] == VCPU_OFF && t->state != VCPU_OFF &&
			    (call != CALL_CPU_ON || !started_entry))
				abort();
			if (before[i] != VCPU_OFF && t->state == VCPU_OFF && (t != v || call != CALL_CPU_OFF))
				abort();
		}
	}
	return 0;
}
