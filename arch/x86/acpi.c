/* The firmware's ACPI tables, read for S5 (see x86/acpi.h). Offsets are the spec's
 * (ACPI 6.5); every table's checksum is verified before anything in it is believed. */
#include <stdbool.h>
#include <string.h>
#include <x86/acpi.h>

/* RSDP (5.2.5.3). */
#define RSDP_SIZE_V1 20
#define RSDP_SIZE_V2 36
#define RSDP_REVISION 15
#define RSDP_RSDT 16
#define RSDP_LENGTH 20
#define RSDP_XSDT 24
/* System description table header (5.2.6). */
#define SDT_LENGTH 4
#define SDT_HEADER_SIZE 36
/* FADT (5.2.9). */
#define FADT_DSDT 40
#define FADT_SMI_CMD 48
#define FADT_ACPI_ENABLE 52
#define FADT_PM1A_CNT_BLK 64
#define FADT_PM1B_CNT_BLK 68
#define FADT_FLAGS 112
#define FADT_X_DSDT 140
#define FADT_X_PM1A_CNT_BLK 172
#define FADT_X_PM1B_CNT_BLK 184
#define FADT_FLAG_HW_REDUCED (1u << 20)
/* Generic address structure (5.2.3.2). */
#define GAS_SIZE 12
#define GAS_SPACE_SYSTEM_IO 1
#define GAS_ADDRESS 4
/* AML (20.2). */
#define AML_ZERO_OP 0x00
#define AML_ONE_OP 0x01
#define AML_NAME_OP 0x08
#define AML_BYTE_PREFIX 0x0A
#define AML_WORD_PREFIX 0x0B
#define AML_DWORD_PREFIX 0x0C
#define AML_QWORD_PREFIX 0x0E
#define AML_PACKAGE_OP 0x12
#define AML_ROOT_CHAR 0x5C
#define AML_ONES_OP 0xFF

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t get32(const uint8_t *p) { return get16(p) | (uint32_t)get16(p + 2) << 16; }
static uint64_t get64(const uint8_t *p) { return get32(p) | (uint64_t)get32(p + 4) << 32; }

static uint8_t checksum(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;
	while (len--)
		sum += *p++;
	return sum;
}

static const uint8_t *map(const struct acpi_mem *mem, uint64_t pa, size_t len)
{
	return pa ? mem->map(mem->ctx, pa, len) : NULL;
}

static const uint8_t *rsdp_at(const struct acpi_mem *mem, uint64_t pa)
{
	const uint8_t *p = map(mem, pa, RSDP_SIZE_V1);
	if (!p || memcmp(p, "RSD PTR ", 8) || checksum(p, RSDP_SIZE_V1))
		return NULL;
	if (p[RSDP_REVISION] < 2)
		return p;
	/* ACPI 2.0+: the extended checksum covers the whole structure. */
	const uint8_t *v2 = map(mem, pa, RSDP_SIZE_V2);
	return v2 && get32(v2 + RSDP_LENGTH) >= RSDP_SIZE_V2 && !checksum(v2, RSDP_SIZE_V2) ? v2 : NULL;
}

static uint64_t scan_range(const struct acpi_mem *mem, uint64_t start, uint64_t end)
{
	for (uint64_t pa = start & ~15ull; pa + RSDP_SIZE_V1 <= end; pa += 16)
		if (rsdp_at(mem, pa))
			return pa;
	return 0;
}

uint64_t acpi_rsdp_scan(const struct acpi_mem *mem)
{
	const uint8_t *bda = map(mem, ACPI_BDA_EBDA_SEGMENT, 2);
	uint64_t ebda = bda ? (uint64_t)get16(bda) << 4 : 0;
	uint64_t pa = ebda ? scan_range(mem, ebda, ebda + 1024) : 0;
	return pa ? pa : scan_range(mem, ACPI_BIOS_AREA_START, ACPI_BIOS_AREA_END);
}

/* A whole table with a valid checksum and, if `sig` is given, that signature. */
static const uint8_t *table_at(const struct acpi_mem *mem, uint64_t pa, const char *sig)
{
	const uint8_t *h = map(mem, pa, SDT_HEADER_SIZE);
	if (!h || (sig && memcmp(h, sig, 4)))
		return NULL;
	uint32_t len = get32(h + SDT_LENGTH);
	if (len < SDT_HEADER_SIZE)
		return NULL;
	const uint8_t *t = map(mem, pa, len);
	return t && !checksum(t, len) ? t : NULL;
}

/* The FADT's physical address from the RSDT (32-bit entries) or XSDT (64-bit). */
static uint64_t find_fadt(const struct acpi_mem *mem, const uint8_t *rsdp)
{
	bool xsdt = rsdp[RSDP_REVISION] >= 2 && get64(rsdp + RSDP_XSDT);
	size_t entry = xsdt ? 8 : 4;
	const uint8_t *sdt = xsdt ? table_at(mem, get64(rsdp + RSDP_XSDT), "XSDT")
				  : table_at(mem, get32(rsdp + RSDP_RSDT), "RSDT");
	if (!sdt)
		return 0;
	uint32_t len = get32(sdt + SDT_LENGTH);
	for (uint32_t off = SDT_HEADER_SIZE; off + entry <= len; off += entry) {
		uint64_t pa = xsdt ? get64(sdt + off) : get32(sdt + off);
		if (table_at(mem, pa, "FACP"))
			return pa;
	}
	return 0;
}

/* A 64-bit field of the FADT when the table is long enough to have it and it is set
 * (ACPI 2.0+), else the 32-bit one. */
static uint64_t fadt_pick(const uint8_t *fadt, uint32_t x_off, uint32_t off32)
{
	uint32_t len = get32(fadt + SDT_LENGTH);
	return len >= x_off + 8 && get64(fadt + x_off) ? get64(fadt + x_off) : get32(fadt + off32);
}

/* A PM1 control block: the X_ generic address when present (it must be system I/O),
 * else the 32-bit port. Returns -1 when it is in a space testvisor does not drive. */
static int pm1_cnt(const uint8_t *fadt, uint32_t x_off, uint32_t off32, uint16_t *port)
{
	uint32_t len = get32(fadt + SDT_LENGTH);
	if (len >= x_off + GAS_SIZE && get64(fadt + x_off + GAS_ADDRESS)) {
		if (fadt[x_off] != GAS_SPACE_SYSTEM_IO || get64(fadt + x_off + GAS_ADDRESS) > 0xffff)
			return -1;
		*port = (uint16_t)get64(fadt + x_off + GAS_ADDRESS);
		return 0;
	}
	uint32_t p = get32(fadt + off32);
	if (p > 0xffff)
		return -1;
	*port = (uint16_t)p;
	return 0;
}

int acpi_find_s5(const struct acpi_mem *mem, uint64_t rsdp_pa, struct acpi_s5 *out,
		 const char **why)
{
	memset(out, 0, sizeof(*out));
	const uint8_t *rsdp = rsdp_at(mem, rsdp_pa);
	if (!rsdp) {
		*why = "no RSDP with a valid checksum";
		return -1;
	}
	out->rsdp = rsdp_pa;
	out->fadt = find_fadt(mem, rsdp);
	const uint8_t *fadt = table_at(mem, out->fadt, "FACP");
	if (!fadt) {
		*why = "no FADT (FACP) in the RSDT/XSDT";
		return -1;
	}
	if (get32(fadt + SDT_LENGTH) >= FADT_FLAGS + 4 &&
	    (get32(fadt + FADT_FLAGS) & FADT_FLAG_HW_REDUCED)) {
		*why = "hardware-reduced ACPI (no PM1 control block)";
		return -1;
	}
	if (pm1_cnt(fadt, FADT_X_PM1A_CNT_BLK, FADT_PM1A_CNT_BLK, &out->pm1a_cnt) ||
	    pm1_cnt(fadt, FADT_X_PM1B_CNT_BLK, FADT_PM1B_CNT_BLK, &out->pm1b_cnt)) {
		*why = "PM1 control block outside system I/O space";
		return -1;
	}
	if (!out->pm1a_cnt) {
		*why = "FADT gives no PM1a control block";
		return -1;
	}
	out->smi_cmd = (uint16_t)get32(fadt + FADT_SMI_CMD);
	out->acpi_enable = fadt[FADT_ACPI_ENABLE];
	out->dsdt = fadt_pick(fadt, FADT_X_DSDT, FADT_DSDT);
	const uint8_t *dsdt = table_at(mem, out->dsdt, "DSDT");
	if (!dsdt) {
		*why = "no DSDT with a valid checksum";
		return -1;
	}
	if (acpi_aml_find_s5(dsdt + SDT_HEADER_SIZE, get32(dsdt + SDT_LENGTH) - SDT_HEADER_SIZE,
			     &out->slp_typa, &out->slp_typb)) {
		*why = "no \\_S5 package in the DSDT";
		return -1;
	}
	return 0;
}

/* PkgLength (20.2.4): bits 7-6 of the lead byte count the bytes that follow. */
static size_t pkg_length_size(const uint8_t *p, size_t left)
{
	size_t n = 1 + (p[0] >> 6);
	return n <= left ? n : 0;
}

/* One integer element of a package: a constant or a prefixed byte/word/dword/qword.
 * Returns the bytes it takes, 0 for anything else. SLP_TYP is 3 bits: the low byte. */
static size_t integer_element(const uint8_t *p, size_t left, uint8_t *value)
{
	static const struct { uint8_t op; uint8_t data_bytes; } forms[] = {
		{ AML_ZERO_OP, 0 }, { AML_ONE_OP, 0 }, { AML_ONES_OP, 0 },
		{ AML_BYTE_PREFIX, 1 }, { AML_WORD_PREFIX, 2 }, { AML_DWORD_PREFIX, 4 },
		{ AML_QWORD_PREFIX, 8 },
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (!left || p[0] != forms[i].op || left < 1u + forms[i].data_bytes)
			continue;
		*value = forms[i].data_bytes ? p[1] : p[0] == AML_ONE_OP ? 1 : p[0] == AML_ONES_OP ? 0xff : 0;
		return 1u + forms[i].data_bytes;
	}
	return 0;
}

int acpi_aml_find_s5(const uint8_t *aml, size_t len, uint8_t *slp_typa, uint8_t *slp_typb)
{
	for (size_t i = 0; i + 4 <= len; i++) {
		if (memcmp(aml + i, "_S5_", 4))
			continue;
		/* Name(_S5, ...) or Name(\_S5, ...): NameOp, optional root prefix, the name. */
		bool named = (i >= 1 && aml[i - 1] == AML_NAME_OP) ||
			     (i >= 2 && aml[i - 1] == AML_ROOT_CHAR && aml[i - 2] == AML_NAME_OP);
		size_t p = i + 4;
		if (!named || p >= len || aml[p] != AML_PACKAGE_OP)
			continue;
		p++;
		size_t pl = pkg_length_size(aml + p, len - p);
		if (!pl || p + pl >= len || aml[p + pl] < 2) /* NumElements: SLP_TYPa and b */
			continue;
		p += pl + 1;
		size_t a = p < len ? integer_element(aml + p, len - p, slp_typa) : 0;
		size_t b = a && p + a < len ? integer_element(aml + p + a, len - p - a, slp_typb) : 0;
		if (b)
			return 0;
	}
	return -1;
}
