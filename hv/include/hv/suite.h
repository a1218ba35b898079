/* Running guests: the built-in suite (payloads embedded in the image at build time by
 * scripts/gen-builtin-suite.sh) or the images handed to testvisor at boot. */
#ifndef HV_SUITE_H
#define HV_SUITE_H

#include <stddef.h>
#include <stdint.h>
#include <hv/results.h>

struct builtin_guest {
	const char *name;
	const char *spec;   /* "name=... key=value -- args" */
	const uint8_t *image;
	const uint8_t *image_end;
};

extern const struct builtin_guest builtin_suite[];
extern const uint64_t builtin_suite_count;

struct suite_totals {
	unsigned guests, passed, failed, skipped;
};

/* A guest image and where it came from ("initrd", "guest.elf", a module's path, a
 * built-in suite entry's name), for messages. */
struct guest_image {
	const void *data; /* NULL: the boot path handed over no image */
	size_t size;
	const char *name;
};

/* Runs one guest from its image (and the initrd its spec names with initrd=, or NULL) and
 * spec; prints its lines and its verdict line. A spec with an unknown key or a bad value,
 * a missing or empty image, and an initrd named but not found, are refused. */
enum verdict run_guest(const struct guest_image *img, const struct guest_image *initrd,
		       const char *spec, const char *fallback_name, struct suite_totals *totals);

#endif
