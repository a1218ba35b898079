/* cpio newc reader (common/cpio_newc.c), on archives written here from the format's
 * description (Linux, Documentation/driver-api/early-userspace/buffer-format.rst). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <cpio_newc.h>

static uint8_t ar[1024];

static size_t put(size_t at, const char *name, unsigned mode, const char *data)
{
	size_t nlen = strlen(name) + 1, dlen = strlen(data);
	at += (size_t)sprintf((char *)ar + at, "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
			      1u, mode, 0u, 0u, 1u, 0u, dlen, 0u, 0u, 0u, 0u, nlen, 0u);
	memcpy(ar + at, name, nlen);
	at = (at + nlen + 3) & ~(size_t)3;
	memcpy(ar + at, data, dlen);
	return (at + dlen + 3) & ~(size_t)3;
}

static size_t archive(void)
{
	memset(ar, 0, sizeof(ar));
	size_t n = put(0, "Image", 0100644, "kernel!");
	n = put(n, "sub", 040755, "");
	n = put(n, "initramfs.cpio", 0100644, "rd");
	return put(n, "TRAILER!!!", 0, "");
}

static void reads_every_entry(void **state)
{
	size_t len = archive(), pos = 0;
	struct cpio_entry e;
	assert_true(cpio_is_newc(ar, len));
	assert_int_equal(cpio_next(ar, len, &pos, &e), 1);
	assert_string_equal(e.name, "Image");
	assert_int_equal(e.size, 7);
	assert_memory_equal(e.data, "kernel!", 7);
	assert_int_equal(e.mode & CPIO_MODE_TYPE, CPIO_MODE_REGULAR);
	assert_int_equal(pos % 4, 0);
	assert_int_equal(cpio_next(ar, len, &pos, &e), 1);
	assert_int_equal(e.mode & CPIO_MODE_TYPE, 040000u); /* a directory */
	assert_int_equal(cpio_next(ar, len, &pos, &e), 1);
	assert_string_equal(e.name, "initramfs.cpio");
	assert_int_equal(cpio_next(ar, len, &pos, &e), 0); /* the trailer */
}

static void refuses_malformed(void **state)
{
	size_t len = archive(), pos = 0;
	struct cpio_entry e;
	assert_false(cpio_is_newc("ELF", 3));
	assert_int_equal(cpio_next(ar, 109, &pos, &e), -1);     /* a header cut short */
	pos = 0;
	assert_int_equal(cpio_next(ar, 120, &pos, &e), -1);     /* data past the end */
	ar[6 + 8 * 6] = 'x';                                    /* filesize not hex */
	pos = 0;
	assert_int_equal(cpio_next(ar, len, &pos, &e), -1);
	archive();
	ar[110 + 5] = 'X';                                      /* name without its NUL */
	pos = 0;
	assert_int_equal(cpio_next(ar, len, &pos, &e), -1);
	pos = len + 4;                                          /* past the buffer */
	assert_int_equal(cpio_next(ar, len, &pos, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_every_entry),
		cmocka_unit_test(refuses_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
