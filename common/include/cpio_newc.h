/* Reading a cpio archive in the "newc" format (magic 070701), the format of Linux
 * initramfs images: on boot paths that hand testvisor one initrd (arm64 and riscv64
 * -initrd), an archive of several files gives it several boot modules. Pure logic,
 * host-tested (test_cpio_newc). Layout: a 110-byte header of the magic and 13 eight-digit
 * hex fields (ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor,
 * rdevminor, namesize, check), the name (namesize bytes with its NUL) padded to 4 bytes,
 * the data padded to 4; the last entry is named "TRAILER!!!" (Linux's
 * Documentation/driver-api/early-userspace/buffer-format.rst). */
#ifndef CPIO_NEWC_H
#define CPIO_NEWC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char *name;     /* NUL-terminated, inside the archive */
	const uint8_t *data;
	size_t size;
	uint32_t mode;        /* st_mode: type in bits 15..12 */
};

#define CPIO_MODE_TYPE 0170000u
#define CPIO_MODE_REGULAR 0100000u

/* Whether `buf` starts like a newc archive. */
bool cpio_is_newc(const void *buf, size_t len);
/* The entry at *pos, moving *pos past it: 1 with `e` filled, 0 at the trailer, -1 when the
 * archive is malformed (bad magic or digits, a name without its NUL, data past `len`). */
int cpio_next(const uint8_t *buf, size_t len, size_t *pos, struct cpio_entry *e);

#endif
