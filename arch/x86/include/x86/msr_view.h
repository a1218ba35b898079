/* The MSRs a guest may use: a table of emulated MSRs walked on every MSR exit. Anything
 * else raises #GP in the guest, as on hardware. */
#ifndef X86_MSR_VIEW_H
#define X86_MSR_VIEW_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

enum msr_result {
	MSR_OK,        /* done: the instruction completes */
	MSR_GP,        /* inject #GP */
};

enum msr_result msr_view_read(struct vcpu *vcpu, uint32_t msr, uint64_t *val);
enum msr_result msr_view_write(struct vcpu *vcpu, uint32_t msr, uint64_t val);

/* Name of an emulated MSR, or NULL when the guest has no such MSR. */
const char *msr_view_name(uint32_t msr);

#endif
