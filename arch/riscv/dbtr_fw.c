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

/* One trigger per call: OpenSBI 1.5 fails a call installing two (measured on QEMU 10:
 * SBI_ERR_FAILED, value 1) while two calls of one each succeed. */
long rv_fw_dbtr_install(uint64_t tdata1, uint64_t tdata2, unsigned *idx)
{
	if (!rv_fw_dbtr_ready())
		return SBI_ERR_NOT_SUPPORTED;
	shmem[0] = (struct fw_entry){ 0, tdata1, tdata2, 0 };
	struct rv_sbiret r = rv_sbi_call(SBI_EXT_DBTR, SBI_DBTR_INSTALL_TRIGGERS, 1, 0, 0);
	if (r.error)
		return r.error;
	*idx = (unsigned)shmem[0].word0;
	return SBI_SUCCESS;
}

void rv_fw_dbtr_uninstall(unsigned idx)
{
	rv_sbi_call(SBI_EXT_DBTR, SBI_DBTR_UNINSTALL_TRIGGERS, idx, 1, 0);
}
