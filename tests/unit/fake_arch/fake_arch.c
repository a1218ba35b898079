/* Scriptable bodies for every function of hv/include/hv/arch_if.h (fake_arch.h says how
 * a test drives them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <hv/arch_if.h>
#include <hv/hv.h>
#include "fake_arch.h"

struct fake_arch fake;

const struct config_key arch_config_keys[] = {
	{ "psci", "a key of the fake architecture" },
	{ "ras", "another one" },
};
const unsigned arch_config_key_count = sizeof(arch_config_keys) / sizeof(arch_config_keys[0]);

void fake_reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.virt_ok = true;
	fake.hz = 1000000;
	fake.cycles_per_run = 1000;
}

void arch_console_putc(char c)
{
	if (fake.console_len < sizeof(fake.console) - 1)
		fake.console[fake.console_len++] = c;
}

noreturn void arch_machine_exit(int status)
{
	if (fake.machine_exit)
		longjmp(*fake.machine_exit, status + 1);
	exit(status);
}

uint64_t arch_cycles(void) { return fake.cycles; }
uint64_t arch_cycles_hz(void) { return fake.hz; }
int arch_selfcheck(void) { return 0; }

bool arch_virt_probe(char *why, size_t len)
{
	fake.probes++;
	if (!fake.virt_ok)
		snprintf(why, len, "%s", fake.virt_why ? fake.virt_why : "the fake says no");
	return fake.virt_ok;
}

int arch_vm_init(struct vm *vm)
{
	fake.vm_inits++;
	if (fake.vm_init_rc)
		return fake.vm_init_rc;
	for (unsigned i = 0; i < fake.nr_devices; i++)
		fake.add_device_rc[i] = vm_add_device(vm, &fake.devices[i]);
	return 0;
}

void arch_vm_destroy(struct vm *vm) { fake.vm_destroys++; }

int arch_vm_map(struct vm *vm, ipaddr_t ipa, paddr_t pa, size_t len, unsigned prot)
{
	fake.maps++;
	vm->arch.maps++;
	return fake.map_rc;
}

int arch_vcpu_init(struct vcpu *vcpu, ipaddr_t entry)
{
	fake.vcpu_inits++;
	fake.initrd = vcpu->vm->initrd;
	fake.initrd_size = vcpu->vm->initrd_size;
	vcpu->arch.entry = ipa_addr(entry);
	return fake.vcpu_init_rc;
}

void arch_vcpu_dump(const struct vcpu *vcpu)
{
	fake.dumps++;
	printf("  fake vCPU %u: %u runs, last exit %s\n", vcpu->id, vcpu->arch.runs, vcpu->last_exit);
}

static void device_access(struct vcpu *vcpu, const struct fake_step *s, unsigned index)
{
	uint64_t val = s->val;
	bool ok = s->kind == FAKE_MMIO
		? vm_mmio_access(vcpu, ipa_init(s->addr), s->size, s->write, &val)
		: vm_pio_access(vcpu, (uint16_t)s->addr, s->size, s->write, &val);
	if (!ok)
		vm_fail(vcpu->vm, "no device at %#llx", (unsigned long long)s->addr);
	else if (!s->write && index < FAKE_MAX_LOG)
		fake.read_values[index] = val;
}

/* Plays the script's steps for this vCPU until one hands control back to the core. */
void arch_vcpu_run(struct vcpu *vcpu)
{
	size_t n = strlen(fake.run_order);
	if (n < FAKE_MAX_LOG)
		fake.run_order[n] = (char)('0' + vcpu->id);
	vcpu->arch.runs++;
	fake.cycles += fake.cycles_per_run;
	while (fake.next_step < fake.nr_steps && vm_running(vcpu->vm)) {
		const struct fake_step *s = &fake.script[fake.next_step];
		if (s->vcpu != vcpu->id)
			return; /* another vCPU's turn */
		unsigned index = fake.next_step++;
		vcpu->exits++;
		switch (s->kind) {
		case FAKE_CONSOLE:
			for (const char *c = s->text; *c; c++)
				vm_console_putc(vcpu->vm, *c);
			break;
		case FAKE_MMIO:
		case FAKE_PIO:
			device_access(vcpu, s, index);
			break;
		case FAKE_YIELD:
			return;
		case FAKE_START:
			vcpu->vm->vcpus[s->target].state = VCPU_RUNNABLE;
			break;
		case FAKE_STOP:
			vcpu->state = VCPU_OFF;
			return;
		case FAKE_EXIT:
			vm_guest_exit(vcpu->vm, s->status);
			break;
		case FAKE_EXIT_STATUS:
			vm_guest_exit_with_status(vcpu->vm, s->status);
			break;
		case FAKE_FAULT:
			vcpu->last_exit = "fake fault";
			vm_fail(vcpu->vm, "%s", s->text);
			break;
		}
	}
}

static int saved_stdout = -1;
static FILE *captured;
static char captured_text[1 << 16];

void fake_stdout_begin(void)
{
	fflush(stdout);
	captured = tmpfile();
	saved_stdout = dup(1);
	dup2(fileno(captured), 1);
}

const char *fake_stdout_end(void)
{
	fflush(stdout);
	dup2(saved_stdout, 1);
	close(saved_stdout);
	rewind(captured);
	size_t n = fread(captured_text, 1, sizeof(captured_text) - 1, captured);
	captured_text[n] = '\0';
	fclose(captured);
	return captured_text;
}
