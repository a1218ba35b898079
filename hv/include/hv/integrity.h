/* testvisor checks itself after every guest: its code and read-only data against a
 * checksum taken at boot, its page allocator's invariants, and a canary at the bottom of
 * its stack. Anything changed stops the machine with one line saying what
 * (docs/HARDENING.md). */
#ifndef HV_INTEGRITY_H
#define HV_INTEGRITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Words of canary pattern written at the lowest addresses of the stack. */
#define INTEGRITY_CANARY_WORDS 4
#define INTEGRITY_CANARY 0x7e57c0de5a1ab1e5ull

/* What is checked: [ro_start, ro_end) checksummed, `canary` (INTEGRITY_CANARY_WORDS
 * words, may be NULL). */
struct integrity_layout {
	const uint8_t *ro_start, *ro_end;
	uint64_t *canary;
};

/* A checksum of [start, end) that changes whenever any one byte does. */
uint64_t integrity_checksum(const uint8_t *start, const uint8_t *end);

/* Takes the boot-time reference for `layout` and writes the canary. */
void integrity_arm(const struct integrity_layout *layout);
/* The same for testvisor's own image (linker symbols); does nothing where the image has
 * none (host unit tests). */
void integrity_boot(void);
/* Compares everything with the reference; false with the first difference in `why`. */
bool integrity_verify(char *why, size_t whylen);
/* After guest `name`: verify, and on a difference print
 * "testvisor: integrity check failed after guest <name>: <why>" and end the machine with
 * a failure status. */
void integrity_after_guest(const char *name);
/* Boot option integrity-test: after the next guest, flip one byte of testvisor's
 * read-only data first, so that the check must catch it. */
void integrity_test_corrupt_after_next_guest(void);

#endif
