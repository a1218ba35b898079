/* arm64 helpers for payloads: system registers, SMCCC calls through the platform's PSCI
 * conduit (HVC or SMC, from the DTB) and the counter. */
#ifndef GUEST_ARM64_H
#define GUEST_ARM64_H

#include <stdbool.h>
#include <stdint.h>

#define read_sysreg(r) ({ uint64_t _v; __asm__ volatile("mrs %0, " #r : "=r"(_v)); _v; })
#define write_sysreg(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((uint64_t)(v)))
#define isb() __asm__ volatile("isb" ::: "memory")

struct smccc_res { uint64_t a0, a1, a2, a3; };

/* Calls function `fid` with x1..x3 through the PSCI conduit; x0..x3 come back in res. */
void smccc_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3, struct smccc_res *res);
/* The same through an explicit conduit (true = SMC). */
void smccc_call_via(bool smc, uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		    struct smccc_res *res);
bool psci_conduit_is_smc(void);
/* The DTB's root model string ("" when none). */
const char *platform_model(void);
/* The DTB handed over at entry. */

#endif
