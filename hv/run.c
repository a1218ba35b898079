/* Runs one guest: create the VM, load its image, run its vCPUs under a time budget,
 * report its verdict, and release everything, whatever happened. */
#include <hv/arch_if.h>
#include <hv/hv.h>
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
		.write = load_write,
		.ctx = vm,
	};
	struct elf_loaded out;
	if (elf_load(image, size, &t, &out, err, errlen))
		return -1;
	*entry = ipa_init(out.entry);
	vm->image_lowest = ipa_init(out.lowest);
	vm->image_highest = ipa_init(out.highest);
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
	if (strcmp(expected_outcome(&vm->cfg), "pass")) {
		char status[32];
		if (vm->exit_status == RESULTS_NO_STATUS)
			snprintf(status, sizeof(status), "no status");
		else
			snprintf(status, sizeof(status), "status %d", vm->exit_status);
		return judge_expected(&vm->cfg, exited ? "exited" : "stopped",
				      exited ? status : vm->fail_reason, why, whylen);
	}
	enum verdict v = results_verdict(&vm->results, exited, vm->exit_status, why, whylen);
	if (vm->state == VM_FAILED)
		snprintf(why, whylen, "stopped by testvisor: %s", vm->fail_reason);
	return v;
}

static void print_verdict(const char *name, enum verdict v, const struct guest_results *r,
			  const char *why)
{
	printf("testvisor: guest %s: %s (%u passed, %u failed, %u skipped%s%s)\n", name,
	       verdict_name(v), r->passed, r->failed, r->skipped, why[0] ? "; " : "", why);
}

enum verdict run_guest(const void *image, size_t size, const char *spec,
		       const char *fallback_name, struct suite_totals *totals)
{
	struct vm *vm = &the_vm;
	char err[200], why[220];
	struct vm_config cfg;
	enum verdict v = VERDICT_FAIL;
	struct guest_results none = { 0 };

	totals->guests++;
	if (vm_config_parse(&cfg, spec, err, sizeof(err))) {
		print_verdict(fallback_name, VERDICT_FAIL, &none, err);
		totals->failed++;
		return VERDICT_FAIL;
	}
	bool budget_ok;
	vm_config_get_u64(&cfg, "budget_ms", DEFAULT_BUDGET_MS, &budget_ok);
	if (!budget_ok) {
		print_verdict(cfg.name, VERDICT_FAIL, &none, "bad budget_ms value");
		totals->failed++;
		return VERDICT_FAIL;
	}
	if (!vm_config_get(&cfg, "name") && fallback_name && strcmp(cfg.name, "guest") == 0)
		snprintf(cfg.name, sizeof(cfg.name), "%s", fallback_name);
	if (!virt_checked) {
		virt_ok = arch_virt_probe(virt_why, sizeof(virt_why));
		virt_checked = true;
		if (!virt_ok)
			printf("testvisor: no virtualization on this CPU: %s\n", virt_why);
	}
	if (!virt_ok) {
		snprintf(why, sizeof(why), "no virtualization: %s", virt_why);
		printf("[%s] SKIP: %s\n", cfg.name, why);
		none.skipped = 1;
		print_verdict(cfg.name, VERDICT_SKIP, &none, why);
		totals->skipped++;
		return VERDICT_SKIP;
	}
	printf("testvisor: guest %s: starting (%lu KiB, %u vCPU%s)\n", cfg.name,
	       (unsigned long)((cfg.mem_size ? cfg.mem_size : ARCH_GUEST_RAM_DEFAULT) >> 10),
	       cfg.vcpus, cfg.vcpus > 1 ? "s" : "");
	if (vm_create(vm, totals->guests, &cfg, err, sizeof(err))) {
		print_verdict(cfg.name, VERDICT_FAIL, &none, err);
		totals->failed++;
		return VERDICT_FAIL;
	}
	ipaddr_t entry;
	if (load_image(vm, image, size, &entry, err, sizeof(err))) {
		printf("testvisor: guest %s: image refused: %s\n", cfg.name, err);
		if (strcmp(expected_outcome(&cfg), "pass"))
			v = judge_expected(&cfg, "refused", err, why, sizeof(why));
		else
			snprintf(why, sizeof(why), "guest image refused: %s", err);
		goto out;
	}
	int rc = arch_vcpu_init(&vm->vcpus[0], entry);
	if (rc) {
		snprintf(why, sizeof(why), "vCPU set-up failed (%d)", rc);
		v = VERDICT_FAIL;
		goto out;
	}
	vm->vcpus[0].state = VCPU_RUNNABLE;
	uint64_t budget_ms = vm_config_get_u64(&vm->cfg, "budget_ms", DEFAULT_BUDGET_MS, NULL);
	uint64_t hz = arch_cycles_hz();
	vm->deadline = hz ? arch_cycles() + budget_ms * (hz / 1000) : 0;
	run_vm(vm);
	v = finish(vm, why, sizeof(why));
out:
	print_verdict(vm->cfg.name, v, &vm->results, why);
	vm_destroy(vm);
	if (v == VERDICT_PASS)
		totals->passed++;
	else if (v == VERDICT_SKIP)
		totals->skipped++;
	else
		totals->failed++;
	return v;
}
