/* Ending the machine testvisor runs on. Two ways, tried in turn until one stops the CPU:
 * isa-debug-exit (QEMU's test device, which carries the status: QEMU exits with
 * (status << 1) | 1) and ACPI S5 soft-off through the PM1 control registers the firmware's
 * FADT names, with SLP_TYP from the DSDT's \_S5 (PIIX4 and ICH9 alike; QEMU exits with 0).
 * Status 0 goes through ACPI first (a clean exit code), anything else through the device
 * that can carry it. Each attempt prints its line first, so the last line says which one
 * worked; when none does, a final line says the machine can be switched off. */
#include <hv/arch_if.h>
#include <stdio.h>
#include <cpu.h>
#include <x86/acpi.h>
#include <x86/host.h>

#define IDENTITY_MAP_END (4ull << 30)
#define SETTLE_MS 200           /* how long an exit device may take to act */
#define SETTLE_SPINS 200000000u /* the same without a calibrated TSC */

static struct {
	bool has_acpi;  /* an RSDP was handed over or found */
	bool found;     /* S5 can be entered */
	struct acpi_s5 s5;
	const char *why;
} power = { false, false, { 0 }, "not looked for yet" };

static const void *identity_map(void *ctx, uint64_t pa, size_t len)
{
	return pa + len <= IDENTITY_MAP_END && pa + len >= pa ? (const void *)(uintptr_t)pa : NULL;
}

void x86_power_init(uint64_t rsdp_pa)
{
	const struct acpi_mem mem = { identity_map, NULL };
	if (!rsdp_pa)
		rsdp_pa = acpi_rsdp_scan(&mem);
	if (!rsdp_pa) {
		power.why = "no ACPI RSDP from the loader or in the BIOS areas";
		return;
	}
	power.has_acpi = true;
	power.found = !acpi_find_s5(&mem, rsdp_pa, &power.s5, &power.why);
}

enum x86_power_state x86_power_s5(const struct acpi_s5 **s5, const char **why)
{
	*s5 = &power.s5;
	*why = power.why;
	return power.found ? X86_S5_FOUND : power.has_acpi ? X86_S5_UNUSABLE : X86_NO_ACPI;
}

static void settle(void)
{
	uint64_t hz = x86_tsc_hz();
	if (hz) {
		uint64_t end = rdtsc() + hz / 1000 * SETTLE_MS;
		while (rdtsc() < end)
			__asm__ volatile("pause");
	} else {
		for (volatile unsigned i = 0; i < SETTLE_SPINS; i++)
			;
	}
}

static bool debug_exit_usable(void) { return true; /* cannot be probed: writes vanish */ }

static void debug_exit(int status)
{
	outl(DEBUG_EXIT_PORT, (uint32_t)status);
}

static bool acpi_s5_usable(void) { return power.found; }

/* ACPI 6.5, 16.1.6 (transitioning from S0 to S5) without running AML: SCI_EN on (the
 * firmware switches to ACPI mode when ACPI_ENABLE is written to SMI_CMD, 4.8.2.1.1), then
 * SLP_TYPx with SLP_EN into PM1a_CNT and PM1b_CNT. */
static void acpi_s5(int status)
{
	const struct acpi_s5 *s = &power.s5;
	if (!(inw(s->pm1a_cnt) & ACPI_PM1_SCI_EN) && s->smi_cmd && s->acpi_enable) {
		outb(s->smi_cmd, s->acpi_enable);
		settle();
	}
	outw(s->pm1a_cnt, acpi_pm1_sleep_value(inw(s->pm1a_cnt), s->slp_typa));
	if (s->pm1b_cnt)
		outw(s->pm1b_cnt, acpi_pm1_sleep_value(inw(s->pm1b_cnt), s->slp_typb));
}

static void acpi_s5_detail(int status)
{
	printf(" (PM1a_CNT %#x, SLP_TYPa %u%s)", power.s5.pm1a_cnt, power.s5.slp_typa,
	       status ? "; the status is not carried" : "");
}

struct exit_way {
	const char *name;
	bool (*usable)(void);
	void (*go)(int status);
	void (*detail)(int status); /* more for the line announcing it, may be NULL */
};

static const struct exit_way debug_exit_way = { "isa-debug-exit (port 0xf4)", debug_exit_usable,
						debug_exit, NULL };
static const struct exit_way acpi_way = { "ACPI S5 soft-off", acpi_s5_usable, acpi_s5,
					  acpi_s5_detail };
/* [status != 0]: the order in which the ways are tried. */
static const struct exit_way *const exit_order[2][2] = {
	{ &acpi_way, &debug_exit_way },
	{ &debug_exit_way, &acpi_way },
};

noreturn void arch_machine_exit(int status)
{
	const char *failed = NULL;
	for (unsigned i = 0; i < 2; i++) {
		const struct exit_way *w = exit_order[status != 0][i];
		if (!w->usable())
			continue;
		printf("testvisor: exit status %d through %s", status, w->name);
		if (w->detail)
			w->detail(status);
		if (failed)
			printf("; %s did not stop the machine", failed);
		printf("\n");
		w->go(status);
		settle();
		failed = w->name;
	}
	printf("testvisor: exit status %d: no exit device stopped the machine (ACPI: %s); "
	       "it can be switched off now\n", status, power.found ? "S5 did not act" : power.why);
	for (;;)
		__asm__ volatile("cli; hlt");
}
