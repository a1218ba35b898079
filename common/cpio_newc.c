/* cpio "newc" reader (see cpio_newc.h). */
#include <string.h>
#include <cpio_newc.h>

#define HEADER_SIZE 110
#define FIELD(i) (6 + 8 * (i))
enum { F_MODE = 1, F_FILESIZE = 6, F_NAMESIZE = 11 };

bool cpio_is_newc(const void *buf, size_t len)
{
	return len >= HEADER_SIZE && !memcmp(buf, "070701", 6);
}

static bool hex8(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		uint8_t c = p[i];
		unsigned d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			     c >= 'A' && c <= 'F' ? c - 'A' + 10 : 16;
		if (d == 16)
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

static size_t align4(size_t v) { return (v + 3) & ~(size_t)3; }

int cpio_next(const uint8_t *buf, size_t len, size_t *pos, struct cpio_entry *e)
{
	size_t at = *pos;
	uint32_t mode, filesize, namesize;
	if (at > len || len - at < HEADER_SIZE || memcmp(buf + at, "070701", 6) ||
	    !hex8(buf + at + FIELD(F_MODE), &mode) || !hex8(buf + at + FIELD(F_FILESIZE), &filesize) ||
	    !hex8(buf + at + FIELD(F_NAMESIZE), &namesize) || namesize == 0)
		return -1;
	size_t name_at = at + HEADER_SIZE;
	if (namesize > len - name_at || buf[name_at + namesize - 1] != 0)
		return -1;
	size_t data_at = align4(name_at + namesize);
	if (data_at > len || filesize > len - data_at)
		return -1;
	e->name = (const char *)buf + name_at;
	e->data = buf + data_at;
	e->size = filesize;
	e->mode = mode;
	*pos = align4(data_at + filesize);
	return strcmp(e->name, "TRAILER!!!") ? 1 : 0;
}
