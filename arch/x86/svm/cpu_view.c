/* CPUID filtering for guests (see x86/cpu_view.h). */
#include <stdio.h>
#include <string.h>
#include <x86/cpu_view.h>

const struct cpu_feature cpu_features[] = {
	{ "sse3", 1, 0, CPUID_ECX, 0 },      { "ssse3", 1, 0, CPUID_ECX, 9 },
	{ "fma", 1, 0, CPUID_ECX, 12 },      { "sse4_1", 1, 0, CPUID_ECX, 19 },
	{ "sse4_2", 1, 0, CPUID_ECX, 20 },   { "movbe", 1, 0, CPUID_ECX, 22 },
	{ "popcnt", 1, 0, CPUID_ECX, 23 },   { "aes", 1, 0, CPUID_ECX, 25 },
	{ "xsave", 1, 0, CPUID_ECX, 26 },    { "avx", 1, 0, CPUID_ECX, 28 },
	{ "rdrand", 1, 0, CPUID_ECX, 30 },   { "pge", 1, 0, CPUID_EDX, 13 },
	{ "bmi1", 7, 0, CPUID_EBX, 3 },      { "avx2", 7, 0, CPUID_EBX, 5 },
	{ "smep", 7, 0, CPUID_EBX, 7 },      { "bmi2", 7, 0, CPUID_EBX, 8 },
	{ "rdseed", 7, 0, CPUID_EBX, 18 },   { "adx", 7, 0, CPUID_EBX, 19 },
	{ "smap", 7, 0, CPUID_EBX, 20 },     { "sha", 7, 0, CPUID_EBX, 29 },
	{ "umip", 7, 0, CPUID_ECX, 2 },      { "pku", 7, 0, CPUID_ECX, 3 },
	{ "rdpid", 7, 0, CPUID_ECX, 22 },    { "la57", 7, 0, CPUID_ECX, 16 },
	{ "lahf_lm", 0x80000001, 0, CPUID_ECX, 0 },
	{ "abm", 0x80000001, 0, CPUID_ECX, 5 }, { "nx", 0x80000001, 0, CPUID_EDX, 20 },
	{ "pdpe1gb", 0x80000001, 0, CPUID_EDX, 26 }, { "rdtscp", 0x80000001, 0, CPUID_EDX, 27 },
};
const unsigned nr_cpu_features = sizeof(cpu_features) / sizeof(cpu_features[0]);
_Static_assert(sizeof(cpu_features) / sizeof(cpu_features[0]) <= 64, "cpuid_hidden is one u64");

/* Bits hidden from every guest: virtualization it cannot use, and the APIC timer's
 * TSC-deadline mode, which testvisor's APIC does not model (x86/apic_timer.h). Set bits:
 * forced on: the hypervisor bit, and x2APIC, whose registers each vCPU has from testvisor
 * whatever the host's APIC is (x86/x2apic.h). */
static const struct cpuid_rule {
	uint32_t leaf;
	enum cpuid_reg reg;
	uint32_t clear, set;
} rules[] = {
	{ 0x00000001, CPUID_ECX, (1u << 5) /* VMX */ | (1u << 24) /* TSC-deadline */, CPUID_1_ECX_HYPERVISOR | (1u << 21) /* x2APIC */ },
	{ 0x80000001, CPUID_ECX, CPUID_8000_0001_ECX_SVM, 0 },
	{ 0x8000000A, CPUID_EAX, ~0u, 0 },
	{ 0x8000000A, CPUID_EBX, ~0u, 0 },
	{ 0x8000000A, CPUID_ECX, ~0u, 0 },
	{ 0x8000000A, CPUID_EDX, ~0u, 0 },
};

static uint32_t *reg_of(struct cpuid_regs *r, enum cpuid_reg reg)
{
	switch (reg) {
	case CPUID_EAX: return &r->eax;
	case CPUID_EBX: return &r->ebx;
	case CPUID_ECX: return &r->ecx;
	default: return &r->edx;
	}
}

int cpu_view_configure(const struct vm_config *cfg, uint64_t *hidden, char *err, size_t errlen)
{
	*hidden = 0;
	const char *list = vm_config_get(cfg, "cpuid_hide");
	while (list && *list) {
		size_t n = strcspn(list, ",");
		unsigned i;
		for (i = 0; i < nr_cpu_features; i++)
			if (strlen(cpu_features[i].name) == n && !strncmp(cpu_features[i].name, list, n))
				break;
		if (i == nr_cpu_features) {
			snprintf(err, errlen, "cpuid_hide: unknown feature '%.*s'", (int)n, list);
			return -1;
		}
		*hidden |= 1ull << i;
		list += n + (list[n] == ',');
	}
	return 0;
}

struct cpuid_regs cpu_view_filter(uint64_t hidden, const uint32_t sev_leaf[4], uint32_t leaf,
				  uint32_t subleaf, struct cpuid_regs r)
{
	if (leaf >= 0x40000000 && leaf <= 0x400000FF) {
		struct cpuid_regs hv = { 0 };
		if (leaf == 0x40000000) {
			hv.eax = TV_CPUID_LEAF_MAX;
			memcpy(&hv.ebx, TV_CPUID_SIGNATURE, 4);
			memcpy(&hv.ecx, &TV_CPUID_SIGNATURE[4], 4); /* indexing: clang warns on "literal" + n */
			memcpy(&hv.edx, &TV_CPUID_SIGNATURE[8], 4);
		} else if (leaf == 0x40000001) {
			hv.eax = TV_HYPERCALL_ABI;
		}
		return hv;
	}
	if (leaf == 0x8000001F)
		return (struct cpuid_regs){ sev_leaf[0], sev_leaf[1], sev_leaf[2], sev_leaf[3] };
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (rules[i].leaf != leaf)
			continue;
		uint32_t *v = reg_of(&r, rules[i].reg);
		*v = (*v & ~rules[i].clear) | rules[i].set;
	}
	for (unsigned i = 0; hidden && i < nr_cpu_features; i++) {
		const struct cpu_feature *f = &cpu_features[i];
		if ((hidden >> i & 1) && f->leaf == leaf &&
		    (f->leaf != 7 || f->subleaf == subleaf)) /* only leaf 7 has sub-leaves here */
			*reg_of(&r, f->reg) &= ~(1u << f->bit);
	}
	return r;
}

struct cpuid_regs cpu_view_identity(struct cpuid_regs r, uint32_t leaf, unsigned apic_id)
{
	switch (leaf) {
	case 0x1: r.ebx = (r.ebx & 0x00ffffffu) | (uint32_t)apic_id << 24; break;
	case 0xB: case 0x1F: r.edx = apic_id; break;
	case 0x8000001E: r.eax = apic_id; break;
	default: break;
	}
	return r;
}
