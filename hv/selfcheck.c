/* The core's part of the built-in self-check, run at every boot before any guest: the
 * pieces every guest depends on, exercised on the real machine. */
#include <hv/config.h>
#include <fdt.h>
#include <hv/hv.h>
#include <hv/loader.h>
#include <hv/results.h>
#include <hv/selfcheck.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned check_allocator(void)
{
	unsigned f = 0;
	size_t before = hv_free_page_count();
	paddr_t a = hv_alloc_pages(4, 4);
	paddr_t b = hv_alloc_pages(1, 1);
	f += hv_check(pa_addr(a) && IS_PAGE_ALIGNED(pa_addr(a)) && (pa_addr(a) & (4 * PAGE_SIZE - 1)) == 0,
		      "page allocator returns aligned pages (%#lx)", (unsigned long)pa_addr(a));
	f += hv_check(pa_addr(b) && pa_addr(b) != pa_addr(a), "page allocator returns distinct pages");
	const uint8_t *p = ptr_from_pa(a);
	bool zero = true;
	for (size_t i = 0; i < 4 * PAGE_SIZE; i++)
		zero &= p[i] == 0;
	f += hv_check(zero, "allocated pages are zeroed");
	hv_free_pages(a, 4);
	hv_free_pages(b, 1);
	f += hv_check(hv_free_page_count() == before, "freed pages return to the pool (%zu pages)", before);
	return f;
}

static unsigned check_libc(void)
{
	char buf[64];
	/* newlib-nano printf knows only the h, l and L modifiers: no %llu or %zu. */
	snprintf(buf, sizeof(buf), "%d-%x-%s-%lu", -42, 0xbeef, "ok", (unsigned long)(1ULL << 40));
	unsigned f = hv_check(!strcmp(buf, "-42-beef-ok-1099511627776"), "printf formatting: %s", buf);
	void *m = malloc(1000);
	f += hv_check(m != NULL, "malloc from the hypervisor heap");
	free(m);
	return f;
}

static unsigned check_config(void)
{
	struct vm_config c;
	char err[80];
	int rc = vm_config_parse(&c, "name=t mem=32M psci=1.0 -- a b", err, sizeof(err));
	unsigned f = hv_check(rc == 0 && !strcmp(c.name, "t") && c.mem_size == 32u << 20 &&
				      !strcmp(vm_config_get(&c, "psci"), "1.0") && !strcmp(c.args, "a b"),
			      "VM config parsing");
	f += hv_check(vm_config_parse(&c, "junk", err, sizeof(err)) != 0, "VM config rejects junk: %s", err);
	return f;
}

static unsigned check_results(void)
{
	struct guest_results r = { 0 };
	char why[80];
	results_feed_line(&r, "PASS: a");
	results_feed_line(&r, "SUMMARY: 1 tests, 0 unexpected failures, 0 skipped");
	results_feed_line(&r, "EXIT: STATUS=1");
	unsigned f = hv_check(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 0, why, sizeof(why)) == VERDICT_PASS,
			      "result parsing: a passing guest passes");
	f += hv_check(results_verdict(&r, GUEST_ENDED_WITH_STATUS, 3, why, sizeof(why)) == VERDICT_FAIL,
		      "result parsing: a status mismatch fails (%s)", why);
	return f;
}

static unsigned check_fdt(void)
{
	static uint8_t blob[512];
	struct fdt_writer w;
	fdt_begin(&w, blob, sizeof(blob));
	fdt_begin_node(&w, "");
	fdt_begin_node(&w, "chosen");
	fdt_prop_string(&w, "bootargs", "x=1");
	fdt_end_node(&w);
	fdt_end_node(&w);
	size_t n = fdt_finish(&w);
	int node = fdt_path_offset(blob, "/chosen");
	const char *args = node >= 0 ? fdt_getprop(blob, node, "bootargs", NULL) : NULL;
	return hv_check(n && args && !strcmp(args, "x=1"), "device tree write and read back");
}

static bool discard_write(void *ctx, uint64_t addr, const void *src, size_t len) { return true; }

static unsigned check_loader(void)
{
	static const uint8_t not_elf[64] = "MZ this is not an ELF image";
	struct elf_target t = { .elf_class = 2, .elf_data = 1, .machine = 62, .ram_size = 1 << 20,
				.write = discard_write };
	struct elf_loaded out;
	char err[120];
	return hv_check(elf_load(not_elf, sizeof(not_elf), &t, &out, err, sizeof(err)) != 0,
			"guest loader refuses a bad image: %s", err);
}

unsigned selfcheck_core(void)
{
	return check_allocator() + check_libc() + check_config() + check_results() +
	       check_fdt() + check_loader();
}
