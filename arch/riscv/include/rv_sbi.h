/* testvisor's SBI for its guests: an extension registry (arch/riscv/sbi*.c). */
#ifndef RV_SBI_H
#define RV_SBI_H

#include <stdbool.h>
#include <stdint.h>
#include <sbi_defs.h>

struct vcpu;

/* One SBI call as the guest made it. */
struct sbi_call {
	unsigned long ext, fid;
	unsigned long arg[6];
};

struct sbi_result {
	long error;
	unsigned long value;
};

struct sbi_extension {
	unsigned long ext_id;       /* first id (legacy extensions: each its own entry) */
	unsigned long ext_id_last;  /* last id of the range it answers */
	const char *name;
	/* Whether the extension is available to this guest (NULL: always); its nonzero
	 * value is what BASE probe_extension returns. */
	unsigned long (*probe)(struct vcpu *vcpu);
	struct sbi_result (*handler)(struct vcpu *vcpu, const struct sbi_call *call);
	bool legacy;                /* legacy calls return only a0 */
};

/* The registry, and lookup by extension id (NULL: not implemented). */
const struct sbi_extension *sbi_find_extension(unsigned long ext);

/* Extensions defined in their own files. */
extern const struct sbi_extension sbi_ext_fwft, sbi_ext_dbtr;
struct sbi_result sbi_fwft_call(struct vcpu *vcpu, const struct sbi_call *call);

static inline struct sbi_result sbi_ok(unsigned long value)
{
	return (struct sbi_result){ SBI_SUCCESS, value };
}
static inline struct sbi_result sbi_err(long error)
{
	return (struct sbi_result){ error, 0 };
}

#endif
