/* Shared set-up of the run-loop tests (test_run.c, test_run_noprobe.c): guest RAM for the
 * page allocator, a loadable guest image, and a scripted run of one guest. */
#ifndef TEST_RUN_FIXTURE_H
#define TEST_RUN_FIXTURE_H

#include <hv/suite.h>
#include "fake_arch.h"

#define GUEST_ENTRY (ARCH_GUEST_RAM_BASE + 0x1000)

/* Resets the fake and the allocator (8 MiB of host memory). */
void fixture_reset(void);
/* A valid image for the fake architecture. */
struct guest_image fixture_image(void);
/* Runs one guest with `spec` and the script; returns its verdict, with testvisor's output
 * in *out and the totals in *t. */
enum verdict fixture_run(const struct guest_image *img, const char *spec,
			 const struct fake_step *script, unsigned nr_steps,
			 struct suite_totals *t, const char **out);

#endif
