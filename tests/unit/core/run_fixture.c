/* Shared set-up of the run-loop tests (run_fixture.h). */
#include <string.h>
#include <hv/hv.h>
#include "elf_image.h"
#include "run_fixture.h"

#define HOST_RAM (8u << 20)
static uint8_t host_ram[HOST_RAM] __attribute__((aligned(2 << 20)));
static uint8_t image[512];

void fixture_reset(void)
{
	fake_reset();
	struct mem_range r = { pa_from_ptr(host_ram), HOST_RAM };
	hv_alloc_init(&r, 1);
}

struct guest_image fixture_image(void)
{
	size_t n = elf_image_build(image, true, false, ARCH_ELF_MACHINE, GUEST_ENTRY, GUEST_ENTRY,
				   64, 0);
	return (struct guest_image){ image, n, "test.elf" };
}

enum verdict fixture_run(const struct guest_image *img, const char *spec,
			 const struct fake_step *script, unsigned nr_steps,
			 struct suite_totals *t, const char **out)
{
	memset(t, 0, sizeof(*t));
	fake.script = script;
	fake.nr_steps = nr_steps;
	fake_stdout_begin();
	enum verdict v = run_guest(img, NULL, spec, "fallback", t);
	*out = fake_stdout_end();
	return v;
}
