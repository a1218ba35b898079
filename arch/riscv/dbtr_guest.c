/* Pure rules of the SBI DBTR testvisor gives its guests (rv_dbtr.h, docs/riscv-sbi.md
 * "DBTR"): what a guest may install, how its privilege modes map onto VS/VU, the
 * trig_state it reads back, index sets and ranges. */
#include <rv_dbtr.h>
#include <sbi_defs.h>

unsigned rv_dbtr_guest_max(unsigned fw_count, unsigned break_triggers)
{
	unsigned n = fw_count > break_triggers ? fw_count - break_triggers : 0;
	return n < RV_DBTR_GUEST_MAX ? n : RV_DBTR_GUEST_MAX;
}

long rv_dbtr_check(uint64_t tdata1, uint64_t tdata3)
{
	/* Only mcontrol6 triggers exist for guests: any other type matches no trigger
	 * (SBI §19.4: FAILED, no HW trigger for the configuration). */
	if (tdata1_type(tdata1) != MC6_TYPE)
		return SBI_ERR_FAILED;
	/* SBI §19: dmode and m must be zero; reserved bits must be zero (debug spec 5.7.17). */
	if (tdata1 & (MC6_DMODE | MC6_M | MC6_RESERVED_HI | MC6_RESERVED_LO))
		return SBI_ERR_INVALID_PARAM;
	/* Optional parts testvisor does not give guests: chains (installed one trigger at a
	 * time), actions other than a breakpoint exception, uncertain matches, textra (tdata3). */
	if ((tdata1 & (MC6_CHAIN | MC6_ACTION | MC6_UNCERTAINEN)) || tdata3)
		return SBI_ERR_NOT_SUPPORTED;
	return SBI_SUCCESS;
}

uint64_t rv_dbtr_guest_tdata1(uint64_t tdata1)
{
	return tdata1 & ~(MC6_STATUS | MC6_VS | MC6_VU);
}

uint64_t rv_dbtr_host_tdata1(uint64_t guest_tdata1, bool enabled)
{
	uint64_t t = guest_tdata1 & ~(MC6_STATUS | MC6_VS | MC6_VU | MC6_S | MC6_U | MC6_M);
	if (enabled && (guest_tdata1 & MC6_S))
		t |= MC6_VS;
	if (enabled && (guest_tdata1 & MC6_U))
		t |= MC6_VU;
	return t;
}

uint64_t rv_dbtr_state_word(const struct rv_dbtr_trig *t)
{
	if (!t->installed)
		return 0;
	/* have_hw_trig stays 0: the guest is not told which hardware trigger it got. */
	return SBI_DBTR_TS_MAPPED | (t->tdata1 & MC6_U ? SBI_DBTR_TS_U : 0) |
	       (t->tdata1 & MC6_S ? SBI_DBTR_TS_S : 0);
}

uint64_t rv_dbtr_read_tdata1(const struct rv_dbtr_trig *t)
{
	if (!t->installed)
		return 0;
	/* Disabling clears the mode bits of the trigger; trig_state keeps their copy (§19.8). */
	return t->enabled ? t->tdata1 : t->tdata1 & ~(MC6_S | MC6_U);
}

bool rv_dbtr_range_ok(unsigned long base, unsigned long count, unsigned max)
{
	return base < max && count <= max - base;
}

bool rv_dbtr_set_ok(const struct rv_dbtr_state *s, unsigned max, unsigned long base,
		    unsigned long mask)
{
	for (unsigned i = 0; i < 64; i++) {
		if (!(mask >> i & 1))
			continue;
		if (base >= max || i >= max - base || !s->trig[base + i].installed)
			return false;
	}
	return true;
}

long rv_dbtr_shmem_args(unsigned long lo, unsigned long hi, unsigned long flags)
{
	if (flags || lo % 8)  /* §19.2: flags must be zero, lo XLEN / 8 aligned */
		return SBI_ERR_INVALID_PARAM;
	if (hi)               /* above 64 bits: nothing the guest can reach (§3.2) */
		return SBI_ERR_INVALID_ADDRESS;
	return SBI_SUCCESS;
}
