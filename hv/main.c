/* testvisor's architecture-neutral entry: allocator, self-check, then the guests. */
#include <hv/arch_if.h>
#include <hv/config.h>
#include <hv/hv.h>
#include <hv/integrity.h>
#include <hv/selfcheck.h>
#include <hv/suite.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TESTVISOR_VERSION "0.1"
#define FAULT_TEST_ADDRESS 0xdead00000000UL

static unsigned checks_run, checks_failed;

int hv_check(bool ok, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("selfcheck: %s: ", ok ? "PASS" : "FAIL");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	checks_run++;
	if (!ok)
		checks_failed++;
	return ok ? 0 : 1;
}

noreturn void hv_panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("testvisor: PANIC: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	arch_machine_exit(1);
}

/* Option words testvisor itself understands at the start of its command line; the rest
 * describes the guest handed at boot. */
static bool take_option(const char **cmdline, const char *opt)
{
	size_t n = strlen(opt);
	const char *s = *cmdline;
	while (*s == ' ')
		s++;
	if (strncmp(s, opt, n) || (s[n] && s[n] != ' '))
		return false;
	*cmdline = s + n;
	return true;
}

/* The value of a spec's initrd= key (NULL: none, or the spec does not parse; run_guest
 * then reports it). */
static const char *spec_initrd(const char *spec)
{
	static struct vm_config cfg; /* large: not on the stack */
	static char value[sizeof(cfg.kv[0].value)];
	char err[8];
	if (!spec || vm_config_parse(&cfg, spec, err, sizeof(err)))
		return NULL;
	const char *v = vm_config_get(&cfg, "initrd");
	if (!v)
		return NULL;
	snprintf(value, sizeof(value), "%s", v);
	return value;
}

/* The boot module called `name`: its whole path, or the path's last component. */
static const struct boot_module *module_named(const struct boot_info *bi, const char *name)
{
	for (unsigned i = 0; name && i < bi->nr_modules; i++) {
		const char *n = bi->modules[i].name;
		const char *base = n ? strrchr(n, '/') : NULL;
		if (n && (!strcmp(n, name) || (base && !strcmp(base + 1, name))))
			return &bi->modules[i];
	}
	return NULL;
}

/* A module's guest spec: its own command line, else testvisor's. */
static const char *module_spec(const struct boot_module *m, const char *cmdline)
{
	return m->cmdline ? m->cmdline : cmdline;
}

/* Whether another module's spec names `m` as its initrd: then it is no guest itself. */
static bool module_is_initrd(const struct boot_info *bi, const struct boot_module *m,
			     const char *cmdline)
{
	for (unsigned i = 0; i < bi->nr_modules; i++)
		if (&bi->modules[i] != m &&
		    module_named(bi, spec_initrd(module_spec(&bi->modules[i], cmdline))) == m)
			return true;
	return false;
}

noreturn void hv_main(struct boot_info *bi)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	const char *cmdline = bi->cmdline ? bi->cmdline : "";
	printf("testvisor %s on %s, booted by %s\n", TESTVISOR_VERSION, TV_ARCH,
	       bi->boot_path ? bi->boot_path : "?");

	hv_alloc_init(bi->free_mem, bi->nr_free_mem);
	printf("testvisor: %zu KiB free for guests\n", hv_free_page_count() * (PAGE_SIZE / 1024));

	bool selfcheck_only = take_option(&cmdline, "selfcheck");
	if (take_option(&cmdline, "fault-test")) {
		/* Proves the crash path: an access far beyond any RAM must be reported with the
		 * registers and this address, and end the run with a failure status. */
		printf("testvisor: fault-test: reading %#lx\n", FAULT_TEST_ADDRESS);
		(void)*(volatile uint64_t *)FAULT_TEST_ADDRESS;
		hv_panic("fault-test: the access to %#lx did not fault", FAULT_TEST_ADDRESS);
	}
	unsigned failed = selfcheck_core() + arch_selfcheck();
	printf("selfcheck: %u checks, %u failed\n", checks_run, checks_failed);
	if (failed || checks_failed) {
		printf("testvisor: self-check failed\n");
		arch_machine_exit(1);
	}
	if (selfcheck_only)
		arch_machine_exit(0);
	/* Proves the check after each guest: a byte of read-only data flipped after the
	 * first guest must stop the run with the reason (tests/hv-selfcheck.sh). */
	if (take_option(&cmdline, "integrity-test"))
		integrity_test_corrupt_after_next_guest();
	integrity_boot();

	struct suite_totals totals = { 0 };
	while (*cmdline == ' ')
		cmdline++;
	if (bi->nr_modules) {
		for (unsigned i = 0; i < bi->nr_modules; i++) {
			const struct boot_module *m = &bi->modules[i];
			if (module_is_initrd(bi, m, cmdline))
				continue;
			const char *spec = module_spec(m, cmdline);
			struct guest_image img = { ptr_from_pa(m->base), m->size,
						   m->name ? m->name : "(boot module)" };
			const struct boot_module *rd = module_named(bi, spec_initrd(spec));
			struct guest_image initrd = { rd ? ptr_from_pa(rd->base) : NULL,
						      rd ? rd->size : 0, rd ? rd->name : NULL };
			run_guest(&img, rd ? &initrd : NULL, spec, "guest", &totals);
		}
	} else if (*cmdline) {
		/* A guest spec without its image (an initrd, module or guest.elf that was
		 * missing or empty) is that guest failing, never a run of the built-in suite. */
		struct guest_image none = { NULL, 0,
					    "no initrd, boot module or guest.elf came with the spec" };
		run_guest(&none, NULL, cmdline, "guest", &totals);
	} else {
		printf("testvisor: built-in suite, %llu guests\n",
		       (unsigned long long)builtin_suite_count);
		for (uint64_t i = 0; i < builtin_suite_count; i++) {
			const struct builtin_guest *g = &builtin_suite[i];
			struct guest_image img = { g->image, (size_t)(g->image_end - g->image), g->name };
			run_guest(&img, NULL, g->spec, g->name, &totals);
		}
	}
	printf("testvisor: %u guests, %u passed, %u failed, %u skipped\n", totals.guests,
	       totals.passed, totals.failed, totals.skipped);
	arch_machine_exit(totals.failed ? 1 : 0);
}
