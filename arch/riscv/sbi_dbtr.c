/* SBI DBTR (SBI v3.0 §19 "Debug Triggers Extension") for guests, per vCPU. The guest's
 * triggers are its own table (arch.dbtr): its index is the slot, the configuration is
 * what it installed, and behind each one is a firmware trigger (dbtr_fw.c) that exists
 * only while the vCPU is on the hart, matching in VS/VU mode for the guest's S/U
 * (dbtr_guest.c). So a guest sees neither break= triggers nor another vCPU's or VM's,
 * and nothing of its own is left on the hart when another vCPU runs or the VM ends.
 * The shared memory is guest-physical, inside guest RAM, read and written by testvisor. */
#include <string.h>
#include <hv/vm.h>
#include <rv_dbtr.h>
#include <rv_sbi.h>
#include <rv_virt.h>

/* One shared-memory entry, four little-endian XLEN words (§19.3, §19.4). */
struct guest_entry {
	uint64_t word0, tdata1, tdata2, tdata3;
};

static unsigned guest_max(const struct vcpu *vcpu)
{
	return rv_dbtr_guest_max(rv_fw_dbtr_count(), vcpu->vm->arch.triggers);
}

/* The firmware trigger behind slot `i` made to match the guest's: taken off the hart,
 * then put back when installed (disabled: with no mode, so it never fires). Only while
 * the vCPU is on the hart; false when the firmware refused. */
static bool sync_slot(struct vcpu *vcpu, unsigned i)
{
	struct rv_dbtr_trig *t = &vcpu->arch.dbtr.trig[i];
	if (rv_loaded_vcpu != vcpu)
		return true;
	if (t->fw_slot) {
		rv_fw_dbtr_uninstall(t->fw_slot - 1u);
		t->fw_slot = 0;
	}
	if (!t->installed)
		return true;
	unsigned idx;
	if (rv_fw_dbtr_install(rv_dbtr_host_tdata1(t->tdata1, t->enabled), t->tdata2, &idx))
		return false;
	t->fw_slot = (uint8_t)(idx + 1);
	return true;
}

void rv_dbtr_unload(struct vcpu *vcpu)
{
	for (unsigned i = 0; i < RV_DBTR_GUEST_MAX; i++) {
		struct rv_dbtr_trig *t = &vcpu->arch.dbtr.trig[i];
		if (t->fw_slot)
			rv_fw_dbtr_uninstall(t->fw_slot - 1u);
		t->fw_slot = 0;
	}
}

void rv_dbtr_load(struct vcpu *vcpu)
{
	for (unsigned i = 0; i < RV_DBTR_GUEST_MAX; i++)
		if (vcpu->arch.dbtr.trig[i].installed && !vcpu->arch.dbtr.trig[i].fw_slot &&
		    !sync_slot(vcpu, i))
			vm_fail(vcpu->vm, "SBI DBTR: the firmware refused to install again trigger %u "
				"of vCPU %u", i, vcpu->id);
}

void rv_dbtr_reset(struct vcpu *vcpu)
{
	rv_dbtr_unload(vcpu);
	memset(&vcpu->arch.dbtr, 0, sizeof(vcpu->arch.dbtr));
}

/* The guest's shared memory as `count` entries (checked in guest RAM at set_shmem for
 * trig_max entries; count never exceeds it here). */
static struct guest_entry *entries(struct vcpu *vcpu, unsigned long count)
{
	paddr_t pa;
	size_t len = count * sizeof(struct guest_entry);
	if (!vm_ipa_to_pa(vcpu->vm, ipa_init(vcpu->arch.dbtr.shmem), len, &pa))
		return NULL;
	return ptr_from_pa(pa);
}

static struct sbi_result set_shmem(struct vcpu *vcpu, unsigned long lo, unsigned long hi,
				   unsigned long flags)
{
	struct rv_dbtr_state *s = &vcpu->arch.dbtr;
	if (!flags && lo == ~0UL && hi == ~0UL) {
		s->shmem_on = false;
		return sbi_ok(0);
	}
	long err = rv_dbtr_shmem_args(lo, hi, flags);
	if (err)
		return sbi_err(err);
	unsigned max = guest_max(vcpu);
	paddr_t pa;
	if (!vm_ipa_to_pa(vcpu->vm, ipa_init(lo), (max ? max : 1) * sizeof(struct guest_entry), &pa))
		return sbi_err(SBI_ERR_INVALID_ADDRESS);
	s->shmem = lo;
	s->shmem_on = true;
	return sbi_ok(0);
}

static struct sbi_result read_triggers(struct vcpu *vcpu, unsigned long base, unsigned long count)
{
	struct rv_dbtr_state *s = &vcpu->arch.dbtr;
	if (!s->shmem_on)
		return sbi_err(SBI_ERR_NO_SHMEM);
	if (!rv_dbtr_range_ok(base, count, guest_max(vcpu)))
		return sbi_err(SBI_ERR_BAD_RANGE);
	struct guest_entry *e = count ? entries(vcpu, count) : NULL;
	if (!e)
		return count ? sbi_err(SBI_ERR_FAILED) : sbi_ok(0);
	for (unsigned long i = 0; i < count; i++) {
		const struct rv_dbtr_trig *t = &s->trig[base + i];
		e[i] = (struct guest_entry){ rv_dbtr_state_word(t), rv_dbtr_read_tdata1(t),
					     t->installed ? t->tdata2 : 0, 0 };
	}
	return sbi_ok(0);
}

/* Install (§19.4) and update (§19.5): every entry is checked before any takes effect, so
 * a failure (value = the failing entry) leaves the guest's triggers as they were. */
static struct sbi_result install_or_update(struct vcpu *vcpu, unsigned long count, bool update)
{
	struct rv_dbtr_state *s = &vcpu->arch.dbtr;
	unsigned max = guest_max(vcpu);
	if (!s->shmem_on)
		return sbi_err(SBI_ERR_NO_SHMEM);
	if (count > max)
		return sbi_err(SBI_ERR_BAD_RANGE);
	struct guest_entry *e = count ? entries(vcpu, count) : NULL;
	if (!e)
		return count ? sbi_err(SBI_ERR_FAILED) : sbi_ok(0);
	unsigned slot[RV_DBTR_GUEST_MAX], next = 0;
	for (unsigned long i = 0; i < count; i++) {
		long err = rv_dbtr_check(e[i].tdata1, e[i].tdata3);
		if (update && e[i].word0 >= max)
			err = SBI_ERR_INVALID_PARAM;
		else if (update && !s->trig[e[i].word0].installed)
			err = SBI_ERR_FAILED;
		if (!err && update)
			slot[i] = (unsigned)e[i].word0;
		if (!err && !update) {
			while (next < max && s->trig[next].installed)
				next++;
			if (next == max)
				err = SBI_ERR_FAILED; /* no free trigger for this entry */
			slot[i] = next++;
		}
		if (err)
			return (struct sbi_result){ err, i };
	}
	for (unsigned long i = 0; i < count; i++) {
		struct rv_dbtr_trig *t = &s->trig[slot[i]];
		struct rv_dbtr_trig old = *t;
		*t = (struct rv_dbtr_trig){ rv_dbtr_guest_tdata1(e[i].tdata1), e[i].tdata2, true, true,
					    old.fw_slot };
		if (!sync_slot(vcpu, slot[i])) {
			/* The firmware refused (it should not: the vCPU's triggers fit in what
			 * guest_max counts): this entry fails, an update leaves the trigger as it
			 * was, the earlier entries of an install are taken back. */
			*t = update ? old : (struct rv_dbtr_trig){ 0 };
			t->fw_slot = 0;
			sync_slot(vcpu, slot[i]);
			for (unsigned long j = 0; !update && j < i; j++) {
				s->trig[slot[j]].installed = false;
				sync_slot(vcpu, slot[j]);
			}
			return (struct sbi_result){ SBI_ERR_FAILED, i };
		}
		if (!update)
			e[i].word0 = slot[i];
	}
	return sbi_ok(0);
}

enum set_op { UNINSTALL, ENABLE, DISABLE };

static struct sbi_result trigger_set(struct vcpu *vcpu, unsigned long base, unsigned long mask,
				     enum set_op op)
{
	struct rv_dbtr_state *s = &vcpu->arch.dbtr;
	if (!rv_dbtr_set_ok(s, guest_max(vcpu), base, mask))
		return sbi_err(SBI_ERR_INVALID_PARAM);
	for (unsigned i = 0; i < 64; i++) {
		if (!(mask >> i & 1))
			continue;
		struct rv_dbtr_trig *t = &s->trig[base + i];
		if (op == UNINSTALL)
			t->installed = false;
		else
			t->enabled = op == ENABLE;
		if (!sync_slot(vcpu, base + i))
			return sbi_err(SBI_ERR_FAILED);
		if (op == UNINSTALL)
			*t = (struct rv_dbtr_trig){ 0 };
	}
	return sbi_ok(0);
}

static struct sbi_result dbtr_call(struct vcpu *vcpu, const struct sbi_call *c)
{
	switch (c->fid) {
	case SBI_DBTR_NUM_TRIGGERS:
		/* Guests get mcontrol6 triggers only: any other type has none. */
		if (c->arg[0] && tdata1_type(c->arg[0]) != MC6_TYPE)
			return sbi_ok(0);
		return sbi_ok(guest_max(vcpu));
	case SBI_DBTR_SET_SHMEM:
		return set_shmem(vcpu, c->arg[0], c->arg[1], c->arg[2]);
	case SBI_DBTR_READ_TRIGGERS:
		return read_triggers(vcpu, c->arg[0], c->arg[1]);
	case SBI_DBTR_INSTALL_TRIGGERS:
		return install_or_update(vcpu, c->arg[0], false);
	case SBI_DBTR_UPDATE_TRIGGERS:
		return install_or_update(vcpu, c->arg[0], true);
	case SBI_DBTR_UNINSTALL_TRIGGERS:
		return trigger_set(vcpu, c->arg[0], c->arg[1], UNINSTALL);
	case SBI_DBTR_ENABLE_TRIGGERS:
		return trigger_set(vcpu, c->arg[0], c->arg[1], ENABLE);
	case SBI_DBTR_DISABLE_TRIGGERS:
		return trigger_set(vcpu, c->arg[0], c->arg[1], DISABLE);
	default:
		return sbi_err(SBI_ERR_NOT_SUPPORTED);
	}
}

/* Offered when the firmware has a usable DBTR with mcontrol6 triggers (the guest's count
 * may still be 0 when break= holds them all). */
static unsigned long dbtr_probe(struct vcpu *vcpu)
{
	return rv_fw_dbtr_count() ? 1 : 0;
}

const struct sbi_extension sbi_ext_dbtr = {
	SBI_EXT_DBTR, SBI_EXT_DBTR, "DBTR", dbtr_probe, dbtr_call, false
};
