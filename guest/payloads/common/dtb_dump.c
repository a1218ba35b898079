/* Prints the device tree the payload was booted with, so tests/dtb-compare.sh can compare
 * what a kernel gets on QEMU's machine with what it gets as a guest of testvisor. Lines:
 * `DTB-BEGIN size=<n>`, then `DTB <offset>: <hex>` of 32 bytes each, then `DTB-END`.
 * Where the platform passes no device tree (x86_64, s390x) it reports SKIP. */
#include <libtv.h>
#include <platform.h>
#include <stdint.h>
#include <stdio.h>

#define FDT_MAGIC 0xd00dfeedu
#define BYTES_PER_LINE 32
#define MAX_DTB_SIZE (1u << 20)

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int main(int argc, char **argv)
{
	const uint8_t *dtb = platform_fdt();
	if (!dtb) {
		report_skip("this platform passes no device tree");
		return report_summary();
	}
	uint32_t total = be32(dtb + 4);
	if (!report(be32(dtb) == FDT_MAGIC && total >= 40 && total <= MAX_DTB_SIZE,
		    "device tree header: magic 0xd00dfeed, size 40 bytes to 1 MiB")) {
		report_info("magic %#x, size %u", be32(dtb), total);
		return report_summary();
	}
	/* Up to the end of the last block: QEMU's arm64 tree is 1 MiB, mostly free space. */
	uint32_t struct_end = be32(dtb + 8) + be32(dtb + 36);
	uint32_t strings_end = be32(dtb + 12) + be32(dtb + 32);
	uint32_t size = struct_end > strings_end ? struct_end : strings_end;
	if (size > total)
		size = total;
	printf("DTB-BEGIN size=%u\n", size);
	for (uint32_t off = 0; off < size; off += BYTES_PER_LINE) {
		char line[2 * BYTES_PER_LINE + 1];
		uint32_t n = size - off < BYTES_PER_LINE ? size - off : BYTES_PER_LINE;
		for (uint32_t i = 0; i < n; i++)
			snprintf(line + 2 * i, 3, "%02x", dtb[off + i]);
		printf("DTB %06x: %s\n", off, line);
	}
	printf("DTB-END\n");
	report_info("device tree of %u bytes (%u used)", total, size);
	report_pass("device tree printed");
	return report_summary();
}
