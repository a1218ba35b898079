/* Switching the guest's breakpoint, watchpoint and OS-lock registers with the vCPU
 * (arm64/debug_regs.h): as many as ID_AA64DFR0_EL1 announces (the others are UNDEFINED). */
#include <arm64/debug_regs.h>
#include <arm64/sysreg.h>

#define N16(X, reg) X(reg, 0) X(reg, 1) X(reg, 2) X(reg, 3) X(reg, 4) X(reg, 5) X(reg, 6) \
	X(reg, 7) X(reg, 8) X(reg, 9) X(reg, 10) X(reg, 11) X(reg, 12) X(reg, 13) X(reg, 14) X(reg, 15)
#define READ_CASE(reg, i) case i: return read_sysreg(reg##i##_el1);
#define WRITE_CASE(reg, i) case i: write_sysreg(reg##i##_el1, v); return;
#define ACCESSORS(reg)                                                              \
	static uint64_t get_##reg(unsigned n) { switch (n) { N16(READ_CASE, reg) } return 0; } \
	static void set_##reg(unsigned n, uint64_t v) { switch (n) { N16(WRITE_CASE, reg) } }
ACCESSORS(dbgbvr)
ACCESSORS(dbgbcr)
ACCESSORS(dbgwvr)
ACCESSORS(dbgwcr)

#define OSLSR_OSLK (1ull << 1)

void arm64_debug_save(struct arm64_debug_regs *r)
{
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
	for (unsigned n = 0; n < debug_brps(dfr0) && n < ARM64_MAX_BRPS; n++) {
		r->bvr[n] = get_dbgbvr(n);
		r->bcr[n] = get_dbgbcr(n);
	}
	for (unsigned n = 0; n < debug_wrps(dfr0) && n < ARM64_MAX_WRPS; n++) {
		r->wvr[n] = get_dbgwvr(n);
		r->wcr[n] = get_dbgwcr(n);
	}
	r->os_lock = (read_sysreg(oslsr_el1) & OSLSR_OSLK) != 0;
}

void arm64_debug_restore(const struct arm64_debug_regs *r)
{
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
	for (unsigned n = 0; n < debug_brps(dfr0) && n < ARM64_MAX_BRPS; n++) {
		set_dbgbvr(n, r->bvr[n]);
		set_dbgbcr(n, r->bcr[n]);
	}
	for (unsigned n = 0; n < debug_wrps(dfr0) && n < ARM64_MAX_WRPS; n++) {
		set_dbgwvr(n, r->wvr[n]);
		set_dbgwcr(n, r->wcr[n]);
	}
	write_sysreg(oslar_el1, r->os_lock ? 1 : 0);
}
