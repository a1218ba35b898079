/* s390x VMs and vCPUs: set-up, the run loop common to both backends (interruption
 * delivery, wait states, time slices: backend.h), and the vCPU dump. The guest's PSW,
 * control registers and timers are kept here; a backend runs the guest until its next
 * exit and handles that exit. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <s390_cpu.h>
#include <stdio.h>
#include <string.h>
#include "debug_per.h"
#include "backend.h"
#include "s390_host.h"
#include "s390_vcpu.h"

#define SLICE_TOD (10000ULL * TOD_TICKS_PER_US)   /* 10 ms time slice */
#define PARM_LINUX_ENTRY 0x10000
#define PARM_LINUX_ENTRY_OLD 0x800
#define PARM_INITRD 0x10408       /* address, then size */
#define PARM_CMDLINE_SIZE 0x10430 /* the kernel's longest command line; 0: legacy */
#define PARM_CMDLINE 0x10480
#define PARM_CMDLINE_LEGACY_MAX 0x380

/* The switches for testvisor's assumptions (config_keys.c); false for a bad value. */
static bool read_assumption_keys(struct vm *vm)
{
	const char *name = vm_config_get(&vm->cfg, "stsi_vm_name");
	if (!name)
		name = "TESTVISR";
	size_t n = strlen(name);
	if (!n || n > 8) {
		printf("testvisor: stsi_vm_name must have 1-8 characters\n");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!((name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= '0' && name[i] <= '9'))) {
			printf("testvisor: stsi_vm_name: only A-Z and 0-9\n");
			return false;
		}
	}
	memcpy(vm->arch.vm_name, name, n + 1);
	bool ok;
	uint64_t stop = vm_config_get_u64(&vm->cfg, "stop_interruption_loops", 1, &ok);
	if (!ok || stop > 1) {
		printf("testvisor: stop_interruption_loops must be 0 or 1\n");
		return false;
	}
	vm->arch.stop_loops = stop;
	return true;
}

int arch_vm_init(struct vm *vm)
{
	/* testvisor writes no boot data of its own: the lowcore (absolute 0-0x1fff) belongs
	 * to the guest, and an image may load its IPL PSW and new PSWs there, as QEMU's
	 * ELF loader allows. */
	vm->boot_data_ipa = ipa_init(0);
	vm->boot_data_size = 0;
	vm->arch.backend = s390_backend();
	css_init(&vm->arch.css);
	if (!read_assumption_keys(vm) || !per_trace_configure(vm) || !per_break_configure(vm))
		return -4;
	bool ok;
	uint64_t depth = vm_config_get_u64(&vm->cfg, "crw_queue_depth", CSS_MAX_CRWS, &ok);
	if (!ok || depth > CSS_MAX_CRWS || !css_set_crw_queue_depth(&vm->arch.css, (unsigned)depth)) {
		printf("testvisor: crw_queue_depth must be 1..%d\n", CSS_MAX_CRWS);
		return -4;
	}
	char err[120];
	if (!chp_events_parse(&vm->arch.chp_events, vm_config_get(&vm->cfg, "chp_events"), err,
			      sizeof(err))) {
		printf("testvisor: %s\n", err);
		return -4;
	}
	for (unsigned i = 0; i < vm->arch.chp_events.nr; i++) {
		uint8_t chpid = vm->arch.chp_events.ev[i].chpid;
		if (!css_chp_installed(&vm->arch.css, chpid)) {
			printf("testvisor: chp_events: CHPID %02x is not installed\n", chpid);
			return -4;
		}
	}
	int rc = dat_vm_init(vm);
	for (unsigned i = 0; i < vm->nr_vcpus && !rc; i++)
		rc = dat_vcpu_init(&vm->vcpus[i]);
	if (!rc && vm->arch.backend->vm_init)
		rc = vm->arch.backend->vm_init(vm);
	return rc;
}

void arch_vm_destroy(struct vm *vm)
{
	if (vm->arch.backend && vm->arch.backend->vm_destroy)
		vm->arch.backend->vm_destroy(vm);
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		dat_vcpu_destroy(&vm->vcpus[i]);
	dat_vm_destroy(vm);
}

int arch_vm_map(struct vm *vm, ipaddr_t ipa, paddr_t pa, size_t len, unsigned prot)
{
	return dat_map(vm, ipa_addr(ipa), pa, len);
}

void vcpu_reset(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	paddr_t st = a->segment_table, ppt = a->prefix_page_tables, sd = a->sie_block;
	paddr_t shadow_pool = a->shadow.pool;
	memset(a, 0, sizeof(*a));
	a->segment_table = st;
	a->prefix_page_tables = ppt;
	a->sie_block = sd;
	a->shadow.pool = shadow_pool;   /* kept, flushed before its next use */
	a->shadow.stale = true;
	a->psw_mask = PSW_MASK_64;
	a->cr[0] = 0xe0;
	a->cr[14] = 0xc2000000;
	a->cpu_timer_at = (int64_t)arch_cycles();
	vcpu->last_exit = "reset";
	dat_vcpu_prefix(vcpu);
}

/* Every guest starts with zeroed floating-point, vector and access registers, as after
 * a machine reset: testvisor never uses them, so they would otherwise still hold the
 * previous guest's values. CR0 is switched briefly to make all of them accessible. */
void s390_clear_guest_registers(void)
{
	static const uint32_t zeros[16];
	uint64_t cr0 = stctg(0);
	bool vx = test_facility(129);
	lctlg0(cr0 | CR0_AFP | (vx ? CR0_VX : 0));
	asm volatile("lzdr 0\n\tlzdr 1\n\tlzdr 2\n\tlzdr 3\n\tlzdr 4\n\tlzdr 5\n\t"
		     "lzdr 6\n\tlzdr 7\n\tlzdr 8\n\tlzdr 9\n\tlzdr 10\n\tlzdr 11\n\t"
		     "lzdr 12\n\tlzdr 13\n\tlzdr 14\n\tlzdr 15\n\t"
		     "lfpc %0\n\tlam 0,15,%1"
		     : : "Q"(zeros[0]), "Q"(zeros) : "memory");
	if (vx) {
		/* VGBM %vN,0 for v0-v31 (bytes: E7 N0 0000 RXB 44). */
#define VZERO(n) ".byte 0xe7,((" #n ")%%16)*16,0,0,((" #n ")/16)*8,0x44\n\t"
#define VZERO8(b) VZERO(b) VZERO(b+1) VZERO(b+2) VZERO(b+3) VZERO(b+4) VZERO(b+5) VZERO(b+6) VZERO(b+7)
		asm volatile(VZERO8(0) VZERO8(8) VZERO8(16) VZERO8(24) : : : "memory");
#undef VZERO8
#undef VZERO
	}
	lctlg0(cr0);
}

/* Whether the loaded image covers [addr, addr + len): QEMU writes the kernel's
 * parameters into the image it loaded ("rom"), never into memory outside it. */
static bool image_covers(const struct vm *vm, uint64_t addr, uint64_t len)
{
	return ipa_addr(vm->image_lowest) <= addr && addr + len <= ipa_addr(vm->image_highest);
}

/* The parameters QEMU's IPL writes into a -kernel image (hw/s390x/ipl.c
 * s390_ipl_realize): for a Linux entry point the command line at 0x10480, at most as long
 * as the kernel says at 0x10430 (896 bytes when that reads 0); for any image the initrd's
 * address and size at 0x10408. Returns -1 for a command line too long for the kernel. */
static int write_kernel_parameters(struct vm *vm, bool linux_entry)
{
	if (vm->initrd && image_covers(vm, PARM_INITRD, 16)) {
		uint64_t parm[2] = { ipa_addr(vm->initrd_ipa), vm->initrd_size }; /* big-endian host */
		if (!vm_write(vm, ipa_init(PARM_INITRD), parm, sizeof(parm)))
			return -2;
	}
	size_t n = strlen(vm->cfg.args);
	if (!n || !linux_entry || !image_covers(vm, PARM_CMDLINE, n + 1))
		return 0;
	uint64_t max = 0;
	if (image_covers(vm, PARM_CMDLINE_SIZE, 8) && !vm_read(vm, ipa_init(PARM_CMDLINE_SIZE), &max, 8))
		return -2;
	if (!max)
		max = PARM_CMDLINE_LEGACY_MAX;
	if (n + 1 > max) {
		printf("testvisor: guest %s: command line of %zu bytes exceeds the kernel's %llu\n",
		       vm->cfg.name, n + 1, (unsigned long long)max);
		return -1;
	}
	return vm_write(vm, ipa_init(PARM_CMDLINE), vm->cfg.args, n + 1) ? 0 : -2;
}

/* Like QEMU's IPL of a -kernel image: 64-bit mode, DAT and interruptions off, prefix 0,
 * control registers at their reset values, a Linux entry point (0x10000, or 0x800 which
 * QEMU moves to 0x10000) with its parameters. The other vCPUs are reset and stay stopped
 * until a SIGP starts them. */
int arch_vcpu_init(struct vcpu *vcpu, ipaddr_t entry)
{
	struct vm *vm = vcpu->vm;
	s390_clear_guest_registers();
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		vcpu_reset(&vm->vcpus[i]);
	uint64_t at = ipa_addr(entry);
	bool linux_entry = at == PARM_LINUX_ENTRY || at == PARM_LINUX_ENTRY_OLD;
	vcpu->arch.psw_addr = linux_entry ? PARM_LINUX_ENTRY : at;
	vm->arch.start_tod = arch_cycles();
	return write_kernel_parameters(vm, linux_entry);
}

/* Plays the channel-path events of the VM's schedule that are due. */
static inline void play_chp_events(struct vm *vm)
{
	struct chp_schedule *s = &vm->arch.chp_events;
	if (__builtin_expect(s->next == s->nr, 1))
		return;
	uint64_t ms = (arch_cycles() - vm->arch.start_tod) / (TOD_TICKS_PER_US * 1000);
	const struct chp_event *e;
	while ((e = chp_events_due(s, ms)))
		css_chp_event(&vm->arch.css, e->chpid, e->kind);
}

static bool other_vcpu_runnable(const struct vcpu *vcpu)
{
	const struct vm *vm = vcpu->vm;
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		if (&vm->vcpus[i] != vcpu && vm->vcpus[i].state == VCPU_RUNNABLE &&
		    !(vm->vcpus[i].arch.psw_mask & PSW_MASK_WAIT))
			return true;
	return false;
}

/* A wait PSW: disabled means the guest ended (0xfff = success, else the status); enabled
 * means it idles until an interruption it enabled is pending. */
static bool handle_wait(struct vcpu *vcpu, uint64_t slice_end)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (!psw_enables_interrupts(a->psw_mask)) {
		uint64_t addr = a->psw_addr;
		vcpu->last_exit = "disabled wait";
		/* Payloads put a non-zero status at bits 4 and up (see guest/lib/s390). */
		int status = addr == WAIT_ADDR_SUCCESS ? 0 : (int)(addr >> 4);
		vm_guest_exit(vcpu->vm, addr != WAIT_ADDR_SUCCESS && !status ? 1 : status);
		return false;
	}
	while (!irq_any_enabled_pending(vcpu)) {
		if (arch_cycles() > slice_end || other_vcpu_runnable(vcpu))
			return false; /* idle no longer than needed: let the others run */
		play_chp_events(vcpu->vm);
	}
	return true;
}

void arch_vcpu_run(struct vcpu *vcpu)
{
	struct arch_vcpu *a = &vcpu->arch;
	struct vm *vm = vcpu->vm;
	const struct guest_backend *be = vm->arch.backend;
	uint64_t slice_end = arch_cycles() + SLICE_TOD;
	be->slice_start(vcpu);
	/* The CPU timer runs on while testvisor handles exits: set once per slice. */
	set_cpu_timer((int64_t)SLICE_TOD);
	while (vm_running(vm)) {
		play_chp_events(vm);
		/* Nothing can be presented to a guest that enables nothing (the common case). */
		if (psw_enables_interrupts(a->psw_mask))
			irq_deliver_pending(vcpu);
		if (!vm_running(vm))
			break;
		if (a->psw_mask & PSW_MASK_WAIT) {
			if (!handle_wait(vcpu, slice_end))
				return;
			continue; /* delivered at the top: the wait PSW becomes the old PSW */
		}
		if (arch_cycles() >= slice_end)
			return;
		vcpu->exits++;
		if (be->enter(vcpu) == EXIT_TO_CORE)
			return; /* the slice ended, the guest yielded, or a vCPU's state changed */
	}
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	const struct arch_vcpu *a = &vcpu->arch;
	printf("testvisor: vCPU %u: PSW %016lx %016lx prefix %08x, last exit: %s\n", vcpu->id,
	       (unsigned long)a->psw_mask, (unsigned long)a->psw_addr, a->prefix,
	       vcpu->last_exit ? vcpu->last_exit : "none");
	printf("testvisor:   last program interruption 0x%04lx, translation-exception address %016lx\n",
	       (unsigned long)a->last_pgm_code, (unsigned long)a->last_tea);
	printf("testvisor:   %lu exits, %lu instructions emulated, %lu interruptions reflected\n",
	       (unsigned long)vcpu->exits, (unsigned long)a->emulated,
	       (unsigned long)a->reflected);
	for (int i = 0; i < 16; i += 4)
		printf("testvisor:   r%-2d %016lx %016lx %016lx %016lx\n", i,
		       (unsigned long)a->ctx.gprs[i], (unsigned long)a->ctx.gprs[i + 1],
		       (unsigned long)a->ctx.gprs[i + 2], (unsigned long)a->ctx.gprs[i + 3]);
	printf("testvisor:   cr0 %016lx cr6 %016lx cr14 %016lx\n", (unsigned long)a->cr[0],
	       (unsigned long)a->cr[6], (unsigned long)a->cr[14]);
}
