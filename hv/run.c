/* Runs one guest: create the VM, load its image, run its vCPUs under a time budget,
 * report its verdict, and release everything, whatever happened. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/integrity.h>
#include <hv/loader.h>
#include <hv/suite.h>
#include <hv/vm.h>
#include <stdio.h>
#include <string.h>

/* Default per-guest time budget; config key budget_ms overrides. */
#define DEFAULT_BUDGET_MS 20000

static struct vm the_vm; /* one guest at a time: large, so not on the stack */
static bool virt_checked, virt_ok;
static char virt_why[160];

static bool load_write(void *ctx, uint64_t addr, const void *src, size_t len)
{
	struct vm *vm = ctx;
	paddr_t pa;
	if (!vm_ipa_to_pa(vm, ipa_init(addr), len, &pa))
		return false;
	if (src)
		memcpy(ptr_from_pa(pa), src, len);
	else
		memset(ptr_from_pa(pa), 0, len);
	return true;
}

static int load_image(struct vm *vm, const void *image, size_t size, ipaddr_t *entry,
		      char *err, size_t errlen)
{
	struct elf_target t = {
		.elf_class = ARCH_ELF_CLASS,
		.elf_data = ARCH_ELF_DATA,
		.machine = ARCH_ELF_MACHINE,
		.ram_base = ipa_addr(vm->ram_ipa),
		.ram_size = vm->ram_size,
		.reserved_base = ipa_addr(vm->boot_data_ipa),
		.reserved_size = vm->boot_data_size,
#ifdef ARCH_LINUX_IMAGE /* machines whose -kernel takes more than ELF */
		.linux_image = ARCH_LINUX_IMAGE,
#endif
#ifdef ARCH_KERNEL_ADDR /* ... and raw images at a kernel address */
		.kernel_addr = ARCH_KERNEL_ADDR,
#endif
		.write = load_write,
		.ctx = vm,
	};
	struct elf_loaded out;
	if (image_load(image, size, &t, &out, err, errlen))
		return -1;
	*entry = ipa_init(out.entry);
	vm->image_lowest = ipa_init(out.lowest);
	vm->image_highest = ipa_init(out.highest);
	vm->image = image;
	vm->image_size = size;
	vm->image_format = out.format;
	printf("testvisor: guest %s: loaded as %s at %#lx-%#lx, entry %#lx\n", vm->cfg.name, out.format,
	       (unsigned long)out.lowest, (unsigned long)out.highest, (unsigned long)out.entry);
#ifdef ARCH_INITRD_CAP /* machines whose -initrd is placed in RAM for the kernel */
	if (vm->initrd) {
		uint64_t from = ARCH_INITRD_FROM_ENTRY ? out.entry : t.ram_base;
		uint64_t at = initrd_placement(from, ARCH_INITRD_CAP, &t, out.highest, vm->initrd_size);
		if (!at || !load_write(vm, at, vm->initrd, vm->initrd_size)) {
			snprintf(err, errlen, "initrd of %zu bytes does not fit in guest RAM after the "
				 "image (ends at %#lx)", vm->initrd_size, (unsigned long)out.highest);
			return -1;
		}
		vm->initrd_ipa = ipa_init(at);
	}
#elif defined(ARCH_INITRD_FIXED_START) /* machines with a fixed -initrd address */
	if (vm->initrd) {
		/* The kernel's size as QEMU counts it is what it loaded; testvisor uses the
		 * loaded range (the same for a raw image, and for an ELF without holes). */
		uint64_t at = initrd_placement_stepped(ARCH_INITRD_FIXED_START, ARCH_INITRD_STEP,
						       out.highest - out.lowest, &t, vm->initrd_size);
		if (!at || !load_write(vm, at, vm->initrd, vm->initrd_size)) {
			snprintf(err, errlen, "initrd of %zu bytes does not fit in guest RAM at %#llx "
				 "or above", vm->initrd_size, (unsigned long long)ARCH_INITRD_FIXED_START);
			return -1;
		}
		vm->initrd_ipa = ipa_init(at);
	}
#endif
#ifdef ARCH_DTB_AFTER_INITRD_ALIGN /* machines that put a Linux kernel's DTB after its initrd */
	if (strncmp(out.format, "ELF", 3)) {
		uint64_t from = ARCH_INITRD_FROM_ENTRY ? out.entry : t.ram_base;
		uint64_t end = vm->initrd ? ipa_addr(vm->initrd_ipa) + vm->initrd_size :
			       initrd_placement(from, ARCH_INITRD_CAP, &t, out.highest, 0);
		uint64_t at = end ? dtb_placement_after(end, ARCH_DTB_AFTER_INITRD_ALIGN, &t, vm->boot_data_size) : 0;
		if (!at) {
			snprintf(err, errlen, "no room for the device tree after the kernel and initrd");
			return -1;
		}
		vm->boot_data_ipa = ipa_init(at);
	}
#endif
#ifdef ARCH_KERNEL_ADDR /* machines whose boot data is the guest's device tree */
	printf("testvisor: guest %s: device tree at %#lx\n", vm->cfg.name,
	       (unsigned long)ipa_addr(vm->boot_data_ipa));
#endif
	return 0;
}

/* Round-robin over runnable vCPUs until the VM ends or its budget runs out. */
static void run_vm(struct vm *vm)
{
	vm->state = VM_RUNNING;
	while (vm_running(vm)) {
		bool any = false;
		for (unsigned i = 0; i < vm->nr_vcpus && vm_running(vm); i++) {
			struct vcpu *vcpu = &vm->vcpus[i];
			if (vcpu->state == VCPU_OFF)
				continue;
			any = true;
			arch_vcpu_run(vcpu);
		}
		if (!any)
			vm_fail(vm, "every vCPU is off");
		else if (vm->deadline && arch_cycles() > vm->deadline)
			vm_fail(vm, "time budget of %llu ms exceeded",
				(unsigned long long)vm_config_get_u64(&vm->cfg, "budget_ms",
								       DEFAULT_BUDGET_MS, NULL));
	}
}

static const char *expected_outcome(const struct vm_config *cfg)
{
	const char *e = vm_config_get(cfg, "expect");
	return e ? e : "pass";
}

/* For a guest that exists to be stopped or refused (expect=stopped|refused, and optionally
 * stop_reason=<text> that the reason must contain): the verdict on what `happened`
 * ("stopped", "refused" or "exited") for `reason`. */
static enum verdict judge_expected(const struct vm_config *cfg, const char *happened,
				   const char *reason, char *why, size_t whylen)
{
	const char *expect = expected_outcome(cfg);
	const char *want = vm_config_get(cfg, "stop_reason");
	if (strcmp(expect, happened)) {
		snprintf(why, whylen, "expected the guest to be %s, but it %s: %s", expect,
			 !strcmp(happened, "exited") ? "exited" : happened, reason);
		return VERDICT_FAIL;
	}
	if (want && !strstr(reason, want)) {
		snprintf(why, whylen, "%s, but not for '%s': %s", happened, want, reason);
		return VERDICT_FAIL;
	}
	snprintf(why, whylen, "%s as expected: %s", happened, reason);
	return VERDICT_PASS;
}

/* A guest refused before it ran (bad configuration, bad image): a FAIL, unless the guest
 * exists to be refused (expect=refused). */
static enum verdict refused(const struct vm_config *cfg, const char *what, const char *err,
			    char *why, size_t whylen)
{
	printf("testvisor: guest %s: %s refused: %s\n", cfg->name, what, err);
	if (strcmp(expected_outcome(cfg), "pass"))
		return judge_expected(cfg, "refused", err, why, whylen);
	snprintf(why, whylen, "%s refused: %s", what, err);
	return VERDICT_FAIL;
}

static enum verdict finish(struct vm *vm, char *why, size_t whylen)
{
	vm_console_flush(vm);
	bool exited = vm->state == VM_EXITED;
	if (vm->state == VM_FAILED) {
		printf("testvisor: guest %s stopped: %s\n", vm->cfg.name, vm->fail_reason);
		for (unsigned i = 0; i < vm->nr_vcpus; i++)
			if (vm->vcpus[i].state != VCPU_OFF || i == 0)
				arch_vcpu_dump(&vm->vcpus[i]);
	}
	/* The ring of a failed guest comes last before the verdict, which points at it. */
	char trace_note[120];
	trace_log_report(vm, trace_note, sizeof(trace_note));
	enum verdict v;
	if (strcmp(expected_outcome(&vm->cfg), "pass")) {
		char status[32];
		if (!vm->exit_status_carried)
			snprintf(status, sizeof(status), "no status");
		else
			snprintf(status, sizeof(status), "status %d", vm->exit_status);
		v = judge_expected(&vm->cfg, exited ? "exited" : "stopped",
				   exited ? status : vm->fail_reason, why, whylen);
	} else {
		enum guest_end end = !exited ? GUEST_STOPPED :
				     vm->exit_status_carried ? GUEST_ENDED_WITH_STATUS : GUEST_ENDED;
		v = results_verdict(&vm->results, end, vm->exit_status, why, whylen);
		if (vm->state == VM_FAILED)
			snprintf(why, whylen, "stopped by testvisor: %s", vm->fail_reason);
	}
	if (trace_note[0]) {
		size_t used = strlen(why);
		snprintf(why + used, whylen - used, "%s%s", used ? "; " : "", trace_note);
	}
	return v;
}

static void print_verdict(const char *name, enum verdict v, const struct guest_results *r,
			  const char *why)
{
	printf("testvisor: guest %s: %s (%u passed, %u failed, %u skipped%s%s)\n", name,
	       verdict_name(v), r->passed, r->failed, r->skipped, why[0] ? "; " : "", why);
}

static void count(struct suite_totals *totals, enum verdict v)
{
	if (v == VERDICT_PASS)
		totals->passed++;
	else if (v == VERDICT_SKIP)
		totals->skipped++;
	else
		totals->failed++;
}

/* Whether guests can run: the architecture's probe, asked once per boot, unless the
 * guest's spec says virt_probe=no (which proves the harness notices a missing probe
 * without changing any architecture). Fills `why` when not. */
static bool virt_available(const struct vm_config *cfg, char *why, size_t len)
{
	const char *forced = vm_config_get(cfg, "virt_probe");
	if (forced && !strcmp(forced, "no")) {
		snprintf(why, len, "virt_probe=no in the guest spec");
		printf("testvisor: no virtualization on this CPU: %s\n", why);
		return false;
	}
	if (!virt_checked) {
		virt_ok = arch_virt_probe(virt_why, sizeof(virt_why));
		virt_checked = true;
		if (!virt_ok)
			printf("testvisor: no virtualization on this CPU: %s\n", virt_why);
	}
	snprintf(why, len, "%s", virt_ok ? "" : virt_why);
	return virt_ok;
}

/* Mistakes in what the guest was given: an unknown key, a bad value, no image. Each is
 * an error, never silently a default (docs/ARCHITECTURE.md). */
static bool config_ok(const struct vm_config *cfg, const struct guest_image *img,
		      const struct guest_image *initrd, char *err, size_t errlen)
{
	static const char *const numeric_keys[] = { "budget_ms", "console_line_max" };
	if (vm_config_check_keys(cfg, arch_config_keys, arch_config_key_count, err, errlen))
		return false;
	for (size_t i = 0; i < sizeof(numeric_keys) / sizeof(numeric_keys[0]); i++) {
		bool ok;
		vm_config_get_u64(cfg, numeric_keys[i], 0, &ok);
		if (!ok) {
			snprintf(err, errlen, "bad %s value '%s'", numeric_keys[i],
				 vm_config_get(cfg, numeric_keys[i]));
			return false;
		}
	}
	if (!img->data || img->size == 0) {
		if (img->data)
			snprintf(err, errlen, "guest image %s is empty", img->name);
		else
			snprintf(err, errlen, "guest image missing: %s", img->name);
		return false;
	}
	const char *initrd_name = vm_config_get(cfg, "initrd");
	if (initrd_name && (!initrd || !initrd->data)) {
		snprintf(err, errlen, "initrd '%s' missing: no boot module of that name", initrd_name);
		return false;
	}
	return true;
}

/* Everything up to the guest's first instruction; returns true when the guest may run,
 * otherwise sets *v and fills `why`. */
static bool prepare(struct vm *vm, const struct guest_image *img,
		    const struct guest_image *initrd, const struct vm_config *cfg, unsigned id,
		    enum verdict *v, char *why, size_t whylen)
{
	char err[400];
	if (vm_create(vm, id, cfg, err, sizeof(err))) {
		snprintf(why, whylen, "%s", err);
		*v = VERDICT_FAIL;
		return false;
	}
	ipaddr_t entry;
	if (initrd) { /* before loading: the loader places it as the machine's -initrd would */
		vm->initrd = initrd->data;
		vm->initrd_size = initrd->size;
	}
	if (load_image(vm, img->data, img->size, &entry, err, sizeof(err))) {
		*v = refused(cfg, "guest image", err, why, whylen);
		return false;
	}
	int rc = arch_vcpu_init(&vm->vcpus[0], entry);
	if (rc) {
		snprintf(why, whylen, "vCPU set-up failed (%d)", rc);
		*v = VERDICT_FAIL;
		return false;
	}
	return true;
}

enum verdict run_guest(const struct guest_image *img, const struct guest_image *initrd,
		       const char *spec, const char *fallback_name, struct suite_totals *totals)
{
	struct vm *vm = &the_vm;
	char err[400], why[480];
	struct vm_config cfg;
	enum verdict v = VERDICT_FAIL;
	struct guest_results none = { 0 };

	totals->guests++;
	if (vm_config_parse(&cfg, spec, err, sizeof(err))) {
		print_verdict(fallback_name, VERDICT_FAIL, &none, err);
		count(totals, VERDICT_FAIL);
		return VERDICT_FAIL;
	}
	if (!vm_config_get(&cfg, "name") && fallback_name && strcmp(cfg.name, "guest") == 0)
		snprintf(cfg.name, sizeof(cfg.name), "%s", fallback_name);
	if (!config_ok(&cfg, img, initrd, err, sizeof(err))) {
		v = refused(&cfg, "guest", err, why, sizeof(why));
		print_verdict(cfg.name, v, &none, why);
		count(totals, v);
		return v;
	}
	if (!virt_available(&cfg, err, sizeof(err))) {
		snprintf(why, sizeof(why), "no virtualization: %s", err);
		printf("[%s] SKIP: %s\n", cfg.name, why);
		none.skipped = 1;
		print_verdict(cfg.name, VERDICT_SKIP, &none, why);
		count(totals, VERDICT_SKIP);
		return VERDICT_SKIP;
	}
	printf("testvisor: guest %s: starting (%lu KiB, %u vCPU%s)\n", cfg.name,
	       (unsigned long)((cfg.mem_size ? cfg.mem_size : ARCH_GUEST_RAM_DEFAULT) >> 10),
	       cfg.vcpus, cfg.vcpus > 1 ? "s" : "");
	memset(vm, 0, sizeof(*vm));
	vm->cfg = cfg;
	if (prepare(vm, img, initrd, &cfg, totals->guests, &v, why, sizeof(why))) {
		vm->vcpus[0].state = VCPU_RUNNABLE;
		uint64_t budget_ms = vm_config_get_u64(&vm->cfg, "budget_ms", DEFAULT_BUDGET_MS, NULL);
		uint64_t hz = arch_cycles_hz();
		vm->deadline = hz ? arch_cycles() + budget_ms * (hz / 1000) : 0;
		run_vm(vm);
		v = finish(vm, why, sizeof(why));
	}
	print_verdict(vm->cfg.name, v, &vm->results, why);
	if (vm->ram_size)
		vm_destroy(vm);
	count(totals, v);
	integrity_after_guest(vm->cfg.name);
	return v;
}
