/* Fuzz target: the guest spec ("name=x mem=64M key=value ... -- guest args", hv/config.c),
 * checked against the core's keys and each architecture's (arch/<arch>/config_keys.c),
 * and every value handed to the parsers of the keys that take structured values: break=,
 * trace=, sev_features=/sev_allowed=, ghcb_version=, secure_tsc_khz=,
 * sev_ciphertext_hiding=, psci=, chp_events=, mem=, and x86's cpuid_hide= (whose hidden
 * features must then be clear in every CPUID leaf the guest reads). The spec is written by whoever wrote
 * the test, often by hand, and reaches testvisor from the boot command line.
 * Input: the spec text (a NUL ends it early, as it would on the command line). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hv/arch_if.h>
#include <hv/config.h>
#include <break_config.h>
#include <trace_config.h>
#include <x86/cpu_view.h>
#include <x86/sev_config.h>
#include <arm64/smccc.h>
#include <chp_events.h>

/* Each architecture's key table under its own name: they all define arch_config_keys. */
#define arch_config_keys x86_keys
#define arch_config_key_count x86_key_count
#include <arch/x86/config_keys.c>
#undef arch_config_keys
#undef arch_config_key_count
#define arch_config_keys arm64_keys
#define arch_config_key_count arm64_key_count
#include <arch/arm64/config_keys.c>
#undef arch_config_keys
#undef arch_config_key_count
#define arch_config_keys riscv_keys
#define arch_config_key_count riscv_key_count
#include <arch/riscv/config_keys.c>
#undef arch_config_keys
#undef arch_config_key_count
#define arch_config_keys s390_keys
#define arch_config_key_count s390_key_count
#include <arch/s390/config_keys.c>
#undef arch_config_keys
#undef arch_config_key_count

static const struct { const struct config_key *keys; const unsigned *n; } arches[] = {
	{ x86_keys, &x86_key_count }, { arm64_keys, &arm64_key_count },
	{ riscv_keys, &riscv_key_count }, { s390_keys, &s390_key_count },
};

/* A message written into `err` is a terminated string. */
static void check_err(const char *err, size_t len)
{
	if (!memchr(err, '\0', len))
		abort();
}

static void values(const char *v)
{
	char err[200];
	struct break_config b;
	if (break_config_parse(v, &b, err, sizeof(err))) {
		if (b.count > BREAK_MAX)
			abort();
		for (unsigned i = 0; i < b.count; i++)
			if (!break_config_hit(&b, b.addr[i]))
				abort();
	} else {
		check_err(err, sizeof(err));
	}
	struct trace_config tc;
	if (trace_config_parse(v, &tc, err, sizeof(err))) {
		if ((tc.mode == TRACE_RING && (tc.count == 0 || tc.count > TRACE_RING_MAX)) ||
		    (tc.mode == TRACE_PRINT && (tc.count == 0 || tc.count > TRACE_PRINT_MAX)))
			abort();
	}
	uint64_t features = 0, u = 0;
	sev_parse_features(v, &features);
	unsigned version = 0;
	for (int type = SEV_GUEST_NONE; type <= SEV_GUEST_SNP; type++) {
		if (sev_config_ghcb_version(type, v, &version, err, sizeof(err)) == 0 &&
		    (version < GHCB_PROTOCOL_MIN || version > GHCB_PROTOCOL_MAX))
			abort();
		sev_config_secure_tsc_khz(type, features, v, 2000000, &u, err, sizeof(err));
	}
	uint16_t max_snp = 0;
	if (sev_config_ciphertext_hiding(v, 100, true, &max_snp, err, sizeof(err)) == 0 &&
	    max_snp >= 100)
		abort();
	sev_config_ciphertext_hiding(v, 100, false, &max_snp, err, sizeof(err));
	psci_version_parse(v, &version);
	struct chp_schedule s;
	if (chp_events_parse(&s, v, err, sizeof(err))) {
		if (s.nr > CHP_EVENTS_MAX)
			abort();
		for (unsigned i = 1; i < s.nr; i++)
			if (s.ev[i].at_ms < s.ev[i - 1].at_ms)
				abort();
	}
	parse_size(v, &u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *spec = malloc(size + 1);
	memcpy(spec, data, size);
	spec[size] = '\0';
	struct vm_config cfg;
	char err[300];
	if (vm_config_parse(&cfg, spec, err, sizeof(err)) == 0) {
		if (cfg.nr_keys > VM_CONFIG_MAX_KEYS || cfg.vcpus == 0 || cfg.vcpus > 64 ||
		    !memchr(cfg.name, '\0', sizeof(cfg.name)) || !memchr(cfg.args, '\0', sizeof(cfg.args)))
			abort();
		for (unsigned i = 0; i < cfg.nr_keys; i++) {
			if (!cfg.kv[i].key[0] || !memchr(cfg.kv[i].key, '\0', sizeof(cfg.kv[i].key)) ||
			    !memchr(cfg.kv[i].value, '\0', sizeof(cfg.kv[i].value)))
				abort();
			/* A key is kept once (a repeat replaces it), so lookup finds this very one. */
			if (vm_config_get(&cfg, cfg.kv[i].key) != cfg.kv[i].value)
				abort();
			bool ok;
			vm_config_get_u64(&cfg, cfg.kv[i].key, 0, &ok);
			values(cfg.kv[i].value);
		}
		uint64_t hidden = 0;
		if (cpu_view_configure(&cfg, &hidden, err, sizeof(err)) == 0) {
			static const uint32_t leaves[] = { 1, 7, 0xd, 0x80000001, 0x8000001f, 0x40000000 };
			const uint32_t sev_leaf[4] = { 0 };
			const struct cpuid_regs all = { ~0u, ~0u, ~0u, ~0u };
			for (unsigned l = 0; l < sizeof(leaves) / sizeof(leaves[0]); l++) {
				/* Hiding is idempotent: filtering a filtered view changes nothing. */
				struct cpuid_regs r = cpu_view_filter(hidden, sev_leaf, leaves[l], 0, all);
				struct cpuid_regs r2 = cpu_view_filter(hidden, sev_leaf, leaves[l], 0, r);
				if (memcmp(&r, &r2, sizeof(r)))
					abort();
			}
			for (unsigned i = 0; i < nr_cpu_features; i++) {
				const struct cpu_feature *f = &cpu_features[i];
				struct cpuid_regs r = cpu_view_filter(hidden, sev_leaf, f->leaf, f->subleaf, all);
				const uint32_t regs[4] = { r.eax, r.ebx, r.ecx, r.edx };
				if ((hidden >> i & 1) && (regs[f->reg] >> f->bit & 1))
					abort(); /* a hidden feature the guest still sees */
			}
		} else {
			check_err(err, sizeof(err));
		}
		for (unsigned a = 0; a < sizeof(arches) / sizeof(arches[0]); a++) {
			err[0] = '\0';
			vm_config_check_keys(&cfg, arches[a].keys, *arches[a].n, err, sizeof(err));
			check_err(err, sizeof(err));
		}
		/* The smallest message buffer the core's callers could pass. */
		vm_config_check_keys(&cfg, x86_keys, x86_key_count, err, 1);
	} else {
		check_err(err, sizeof(err));
	}
	free(spec);
	return 0;
}
