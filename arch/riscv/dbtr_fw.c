/* testvisor's use of its firmware's SBI DBTR (SBI v3.0 §19): probed once, one shared
 * memory (testvisor's, set once and kept; testvisor runs on one hart), triggers installed
 * and uninstalled one at a time. break= (debug_break.c) and the guests' DBTR (sbi_dbtr.c)
 * both go through here, so the firmware's shared memory has one owner. */
#include <rv_dbtr.h>
#include <rv_host.h>
#include <sbi_defs.h>

/* One shared-memory entry: tstate (the index on return), tdata1, tdata2, tdata3. */
struct fw_entry {
	uint64_t word0, tdata1, tdata2, tdata3;
};
/* The firmware assumes trig_max entries (§19.2); OpenSBI has at most 32 (RV_MAX_TRIGGERS). */
static struct fw_entry shmem[32] __attribute__((aligned(64)));
static enum { FW_UNKNOWN, FW_READY, FW_ABSENT } fw_state;
static unsigned fw_mc6;
/* The firmware's triggers testvisor holds, bit per index: testvisor is the only S-mode
 * software on its hart, so this is every trigger the firmware has given out. */
static uint32_t held;
#define NO_INDEX (~0ull)

bool rv_fw_dbtr_ready(void)
{
	if (fw_state != FW_UNKNOWN)
		return fw_state == FW_READY;
	fw_state = FW_ABSENT;
	struct rv_sbiret r = rv_sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_DBTR, 0, 0);
	if (r.error || !r.value)
		return false;
	r = rv_sbi_call(SBI_EXT_DBTR, SBI_DBTR_NUM_TRIGGERS, MC6_TYPE << MC6_TYPE_SHIFT, 0, 0);
	if (r.error || r.value <= 0)
		return false;
	struct rv_sbiret s = rv_sbi_call(SBI_EXT_DBTR, SBI_DBTR_SET_SHMEM, (unsigned long)shmem, 0, 0);
	if (s.error)
		return false;
	fw_mc6 = (unsigned)r.value;
	fw_state = FW_READY;
	return true;
}

unsigned rv_fw_dbtr_count(void)
{
	return rv_fw_dbtr_ready() ? fw_mc6 : 0;
}

/* One trigger per call (a chain would need one call; testvisor installs none).
 * The index: §19.4 has the firmware write it into word 0 of the entry. OpenSBI 1.5 (QEMU
 * 10's bundled one) does not (measured: word 0 keeps what testvisor put there); it takes
 * the lowest unmapped trigger (lib/sbi/sbi_dbtr.c, sbi_alloc_trigger), which is the
 * lowest index testvisor does not hold. **Assumption** for other firmware that leaves
 * word 0 alone: the same allocation. */
long rv_fw_dbtr_install(uint64_t tdata1, uint64_t tdata2, unsigned *idx)
{
	if (!rv_fw_dbtr_ready())
		return SBI_ERR_NOT_SUPPORTED;
	shmem[0] = (struct fw_entry){ NO_INDEX, tdata1, tdata2, 0 };
	struct rv_sbiret r = rv_sbi_call(SBI_EXT_DBTR, SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0);
	if (r.error)
		return r.error;
	unsigned i = 0;
	if (shmem[0].word0 != NO_INDEX)
		i = (unsigned)shmem[0].word0;
	else
		while (i < 32 && (held >> i & 1))
			i++;
	if (i < 32)
		held |= 1u << i;
	*idx = i;
	return SBI_SUCCESS;
}

/* Disabled first (§19.8: vs, vu, s, u cleared), then uninstalled. OpenSBI 1.5's uninstall
 * writes tdata1 = 0 and tdata2 = 0; QEMU 10 ignores a tdata1 write of type 0 (measured:
 * the next guest jumping to address 0 took breakpoint exceptions there), which leaves an
 * execute trigger at address 0 in the old modes. Disabled, it is one with no mode. */
void rv_fw_dbtr_uninstall(unsigned idx)
{
	rv_sbi_call(SBI_EXT_DBTR, SBI_DBTR_DISABLE_TRIGGERS, idx, 1, 0);
	rv_sbi_call(SBI_EXT_DBTR, SBI_DBTR_UNINSTALL_TRIGGERS, idx, 1, 0);
	if (idx < 32)
		held &= ~(1u << idx);
}
