/* testvisor's check of itself after every guest (hv/include/hv/integrity.h). A guest
 * that found a way to write into testvisor (a bad second-stage mapping, an emulation
 * bug writing past a buffer) would otherwise only show up as a strange failure of some
 * later guest; this names the guest after which it happened. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/integrity.h>
#include <stdio.h>

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static struct integrity_layout layout;
static uint64_t ro_reference;
static bool armed, corrupt_next;

/* The bytes integrity-test flips one of: read-only data like any other. (Not volatile:
 * GCC puts const volatile objects among the writable data.) */
static const uint8_t integrity_test_bytes[8] __attribute__((used)) = { 1, 2, 3, 4, 5, 6, 7, 8 };

/* FNV-1a steps over 64-bit words (then the tail bytes): each step is a bijection of the
 * running value, so any one changed word always changes the result. Word steps keep the
 * check of several MiB (the built-in suite's images are read-only data) short under
 * emulation. */
uint64_t integrity_checksum(const uint8_t *start, const uint8_t *end)
{
	uint64_t h = FNV_OFFSET ^ (uint64_t)(end - start);
	const uint8_t *p = start;
	for (; p < end && ((uintptr_t)p & 7); p++)
		h = (h ^ *p) * FNV_PRIME;
	for (; end - p >= 8; p += 8)
		h = (h ^ *(const uint64_t *)p) * FNV_PRIME;
	for (; p < end; p++)
		h = (h ^ *p) * FNV_PRIME;
	return h;
}

void integrity_arm(const struct integrity_layout *l)
{
	layout = *l;
	ro_reference = integrity_checksum(l->ro_start, l->ro_end);
	if (l->canary)
		for (unsigned i = 0; i < INTEGRITY_CANARY_WORDS; i++)
			l->canary[i] = INTEGRITY_CANARY;
	armed = true;
}

/* Bounds of testvisor's code and read-only data and the bottom of its stack, from each
 * architecture's linker script. Weak: the host unit tests have no such image. */
extern const uint8_t __hv_ro_start[] __attribute__((weak));
extern const uint8_t __hv_ro_end[] __attribute__((weak));
extern uint64_t __stack_bottom[] __attribute__((weak));

void integrity_boot(void)
{
	if (!__hv_ro_start || !__hv_ro_end)
		return;
	integrity_arm(&(struct integrity_layout){ __hv_ro_start, __hv_ro_end, __stack_bottom });
}

bool integrity_verify(char *why, size_t whylen)
{
	if (!hv_alloc_check(why, whylen))
		return false;
	if (!armed)
		return true;
	uint64_t now = integrity_checksum(layout.ro_start, layout.ro_end);
	if (now != ro_reference) {
		snprintf(why, whylen, "code or read-only data %#lx-%#lx changed (checksum %#lx, at boot %#lx)",
			 (unsigned long)(uintptr_t)layout.ro_start, (unsigned long)(uintptr_t)layout.ro_end,
			 (unsigned long)now, (unsigned long)ro_reference);
		return false;
	}
	for (unsigned i = 0; layout.canary && i < INTEGRITY_CANARY_WORDS; i++)
		if (layout.canary[i] != INTEGRITY_CANARY) {
			snprintf(why, whylen, "stack canary at %#lx overwritten (%#lx): the stack overflowed",
				 (unsigned long)(uintptr_t)&layout.canary[i],
				 (unsigned long)layout.canary[i]);
			return false;
		}
	return true;
}

void integrity_test_corrupt_after_next_guest(void) { corrupt_next = true; }

void integrity_after_guest(const char *name)
{
	char why[200];
	if (corrupt_next) {
		corrupt_next = false;
		volatile uint8_t *p = (volatile uint8_t *)&integrity_test_bytes[3];
		printf("testvisor: integrity-test: flipping the byte at %#lx\n",
		       (unsigned long)(uintptr_t)p);
		*p ^= 0xff;
	}
	if (integrity_verify(why, sizeof(why)))
		return;
	printf("testvisor: integrity check failed after guest %s: %s\n", name, why);
	arch_machine_exit(1);
}
