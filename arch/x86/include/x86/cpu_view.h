/* The CPU a guest sees through CPUID: the host's, with virtualization hidden, testvisor's
 * hypervisor leaves added, and features the VM's configuration hides (cpuid_hide=a,b).
 * The filter is a table walked for every CPUID exit; host-tested. */
#ifndef X86_CPU_VIEW_H
#define X86_CPU_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <hv/config.h>
#include <cpu.h>

enum cpuid_reg { CPUID_EAX, CPUID_EBX, CPUID_ECX, CPUID_EDX };

/* A named feature bit a configuration may hide. */
struct cpu_feature {
	const char *name;
	uint32_t leaf, subleaf;
	enum cpuid_reg reg;
	unsigned bit;
};
extern const struct cpu_feature cpu_features[];
extern const unsigned nr_cpu_features;

/* testvisor's hypervisor leaves: 0x40000000 gives the highest leaf and the signature. */
#define TV_CPUID_SIGNATURE "TestvisorSVM"
#define TV_CPUID_LEAF_MAX 0x40000001u
#define TV_HYPERCALL_ABI 1u

/* Parses cpuid_hide=<name>[,<name>...] from the configuration into a mask over
 * cpu_features[] (*hidden). */
int cpu_view_configure(const struct vm_config *cfg, uint64_t *hidden, char *err, size_t errlen);

/* The guest's view of CPUID(leaf, subleaf), from the host's values `host`, the hidden
 * mask and the VM's SEV leaf (0x8000001F, computed by the SEV layer). */
/* The CPU's own identity in a leaf, for vCPU `apic_id`: the initial APIC ID (leaf 1
 * EBX[31:24]), the x2APIC ID (leaves 0xB and 0x1F EDX) and AMD's extended APIC ID (leaf
 * 0x8000001E EAX). Intel SDM vol. 2A CPUID; AMD APM vol. 3 CPUID Fn8000_001E. */
struct cpuid_regs cpu_view_identity(struct cpuid_regs r, uint32_t leaf, unsigned apic_id);
struct cpuid_regs cpu_view_filter(uint64_t hidden, const uint32_t sev_leaf[4], uint32_t leaf,
				  uint32_t subleaf, struct cpuid_regs host);

#endif
