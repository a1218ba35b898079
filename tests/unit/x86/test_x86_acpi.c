/* The ACPI walk for S5 on tables built here from the spec's layouts (ACPI 6.5: RSDP
 * 5.2.5.3, header 5.2.6, RSDT/XSDT 5.2.7-8, FADT 5.2.9, generic address 5.2.3.2, AML 20.2),
 * including the \_S5 bytes and FADT fields of QEMU 10's own q35 and pc tables (read by
 * testvisor from the running machine). */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/acpi.h>

#define MEM_SIZE 0x110000
static uint8_t mem[MEM_SIZE];

static const void *fake_map(void *ctx, uint64_t pa, size_t len)
{
	return pa + len <= MEM_SIZE ? mem + pa : NULL;
}
static const struct acpi_mem fake = { fake_map, NULL };

static void put16(uint64_t pa, uint16_t v) { mem[pa] = (uint8_t)v; mem[pa + 1] = (uint8_t)(v >> 8); }
static void put32(uint64_t pa, uint32_t v) { put16(pa, (uint16_t)v); put16(pa + 2, (uint16_t)(v >> 16)); }
static void put64(uint64_t pa, uint64_t v) { put32(pa, (uint32_t)v); put32(pa + 4, (uint32_t)(v >> 32)); }

static void fix_checksum(uint64_t pa, size_t len, size_t at)
{
	uint8_t sum = 0;
	mem[pa + at] = 0;
	for (size_t i = 0; i < len; i++)
		sum += mem[pa + i];
	mem[pa + at] = (uint8_t)-sum;
}

static void rsdp(uint64_t pa, uint8_t revision, uint32_t rsdt, uint64_t xsdt)
{
	memcpy(mem + pa, "RSD PTR ", 8);
	memcpy(mem + pa + 9, "TVTEST", 6);
	mem[pa + 15] = revision;
	put32(pa + 16, rsdt);
	put32(pa + 20, 36);
	put64(pa + 24, xsdt);
	fix_checksum(pa, 20, 8);
	if (revision >= 2)
		fix_checksum(pa, 36, 32);
}

static void header(uint64_t pa, const char *sig, uint32_t len, uint8_t revision)
{
	memcpy(mem + pa, sig, 4);
	put32(pa + 4, len);
	mem[pa + 8] = revision;
	memcpy(mem + pa + 10, "TVTEST", 6);
}

static void table_done(uint64_t pa) { fix_checksum(pa, mem[pa + 4] | mem[pa + 5] << 8, 9); }

/* An RSDT (4-byte entries) or XSDT (8-byte entries) listing `n` tables. */
static void sdt(uint64_t pa, bool x, const uint64_t *tables, unsigned n)
{
	size_t entry = x ? 8 : 4;
	header(pa, x ? "XSDT" : "RSDT", (uint32_t)(36 + n * entry), 1);
	for (unsigned i = 0; i < n; i++) {
		if (x)
			put64(pa + 36 + i * 8, tables[i]);
		else
			put32(pa + 36 + i * 4, (uint32_t)tables[i]);
	}
	table_done(pa);
}

static void dsdt(uint64_t pa, const uint8_t *aml, size_t len)
{
	header(pa, "DSDT", (uint32_t)(36 + len), 2);
	memcpy(mem + pa + 36, aml, len);
	table_done(pa);
}

/* Around \_S5 in QEMU 10's q35 and pc DSDTs: Name(_S5_, Package(4) {Zero, Zero, Zero,
 * Zero}), then the next object (a Scope). */
static const uint8_t qemu_s5[] = { 0x00, 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04,
				   0x00, 0x00, 0x00, 0x00, 0x10 };

/* QEMU's pc machine as SeaBIOS describes it: RSDP revision 0 in the BIOS area, an RSDT,
 * a revision-1 FADT of 116 bytes (no X_ fields), PM1a_CNT 0x604, SMI_CMD 0xb2 with
 * ACPI_ENABLE 0xf1. */
static void build_qemu_pc(void)
{
	memset(mem, 0, sizeof(mem));
	uint64_t ssdt = 0x20000, fadt = 0x20100, dsdt_pa = 0x21000;
	header(ssdt, "SSDT", 36, 1);
	table_done(ssdt);
	header(fadt, "FACP", 116, 1);
	put32(fadt + 40, (uint32_t)dsdt_pa);
	put32(fadt + 48, 0xb2);
	mem[fadt + 52] = 0xf1;
	put32(fadt + 56, 0x600);
	put32(fadt + 64, 0x604);
	table_done(fadt);
	uint8_t aml[64] = { 0x10, 0x05, 0x5c, 0x00 }; /* something before: Scope(\) {} */
	memcpy(aml + 20, qemu_s5, sizeof(qemu_s5));
	dsdt(dsdt_pa, aml, sizeof(aml));
	const uint64_t list[] = { ssdt, fadt };
	sdt(0x1f000, false, list, 2);
	rsdp(0xf5250, 0, 0x1f000, 0);
}

static void test_qemu_pc(void **state)
{
	build_qemu_pc();
	uint64_t pa = acpi_rsdp_scan(&fake);
	assert_int_equal(pa, 0xf5250);
	struct acpi_s5 s5;
	const char *why = NULL;
	assert_int_equal(acpi_find_s5(&fake, pa, &s5, &why), 0);
	assert_int_equal(s5.pm1a_cnt, 0x604);
	assert_int_equal(s5.pm1b_cnt, 0);
	assert_int_equal(s5.slp_typa, 0);
	assert_int_equal(s5.slp_typb, 0);
	assert_int_equal(s5.smi_cmd, 0xb2);
	assert_int_equal(s5.acpi_enable, 0xf1);
	assert_int_equal(s5.fadt, 0x20100);
	assert_int_equal(s5.dsdt, 0x21000);
}

/* ACPI 2.0+ firmware: RSDP revision 2 in the EBDA, an XSDT, a revision-6 FADT whose
 * X_PM1a/X_PM1b_CNT_BLK (system I/O) and X_DSDT override the 32-bit fields, and a \_S5
 * with byte-prefixed values under a root prefix. */
static void build_acpi2(void)
{
	memset(mem, 0, sizeof(mem));
	put16(ACPI_BDA_EBDA_SEGMENT, 0x9fc0); /* EBDA at 0x9fc00 */
	uint64_t fadt = 0x30000, dsdt_old = 0x31000, dsdt_pa = 0x32000;
	header(fadt, "FACP", 276, 6);
	put32(fadt + 40, (uint32_t)dsdt_old);
	put32(fadt + 64, 0x404);            /* 32-bit PM1a_CNT_BLK: superseded */
	put64(fadt + 140, dsdt_pa);         /* X_DSDT */
	mem[fadt + 172] = 1;                /* X_PM1a_CNT_BLK: system I/O, 16 bits */
	mem[fadt + 173] = 16;
	put64(fadt + 176, 0xb004);
	mem[fadt + 184] = 1;                /* X_PM1b_CNT_BLK */
	mem[fadt + 185] = 16;
	put64(fadt + 188, 0xb104);
	table_done(fadt);
	dsdt(dsdt_old, (const uint8_t[]){ 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0a, 0x01, 0x0a, 0x01 }, 12);
	static const uint8_t aml[] = {
		0x14, 0x08, '_', 'P', 'T', 'S', 0x01, '_', 'S', '5', '_', /* a method naming _S5_ */
		0x08, 0x5c, '_', 'S', '5', '_', 0x12, 0x0a, 0x04, 0x0a, 0x05, 0x0a, 0x07, 0x00, 0x00,
	};
	dsdt(dsdt_pa, aml, sizeof(aml));
	const uint64_t list[] = { fadt };
	sdt(0x2f000, true, list, 1);
	rsdp(0x9fc40, 2, 0, 0x2f000);
	rsdp(0xe0000, 0, 0x12345, 0); /* the EBDA's is found first */
}

static void test_acpi2_xsdt_ebda(void **state)
{
	build_acpi2();
	uint64_t pa = acpi_rsdp_scan(&fake);
	assert_int_equal(pa, 0x9fc40);
	struct acpi_s5 s5;
	const char *why = NULL;
	assert_int_equal(acpi_find_s5(&fake, pa, &s5, &why), 0);
	assert_int_equal(s5.pm1a_cnt, 0xb004);
	assert_int_equal(s5.pm1b_cnt, 0xb104);
	assert_int_equal(s5.dsdt, 0x32000);
	assert_int_equal(s5.slp_typa, 5);
	assert_int_equal(s5.slp_typb, 7);
}

static void test_bad_checksums(void **state)
{
	const char *why = NULL;
	struct acpi_s5 s5;
	build_qemu_pc();
	mem[0xf5250 + 9] ^= 1; /* RSDP checksum broken: not an RSDP */
	assert_int_equal(acpi_rsdp_scan(&fake), 0);
	assert_int_equal(acpi_find_s5(&fake, 0xf5250, &s5, &why), -1);
	assert_string_equal(why, "no RSDP with a valid checksum");

	build_qemu_pc();
	mem[0x20100 + 64] ^= 1; /* FADT changed after its checksum */
	assert_int_equal(acpi_find_s5(&fake, 0xf5250, &s5, &why), -1);
	assert_string_equal(why, "no FADT (FACP) in the RSDT/XSDT");

	build_qemu_pc();
	mem[0x21000 + 40] ^= 1;
	assert_int_equal(acpi_find_s5(&fake, 0xf5250, &s5, &why), -1);
	assert_string_equal(why, "no DSDT with a valid checksum");

	build_acpi2();
	mem[0x9fc40 + 30] ^= 1; /* only the extended checksum covers the XSDT address */
	assert_int_equal(acpi_rsdp_scan(&fake), 0xe0000);
}

static void test_fadt_limits(void **state)
{
	const char *why = NULL;
	struct acpi_s5 s5;
	build_acpi2();
	put32(0x30000 + 112, 1u << 20); /* HW_REDUCED_ACPI */
	table_done(0x30000);
	assert_int_equal(acpi_find_s5(&fake, 0x9fc40, &s5, &why), -1);
	assert_string_equal(why, "hardware-reduced ACPI (no PM1 control block)");

	build_acpi2();
	mem[0x30000 + 172] = 0; /* X_PM1a_CNT_BLK in memory space */
	table_done(0x30000);
	assert_int_equal(acpi_find_s5(&fake, 0x9fc40, &s5, &why), -1);
	assert_string_equal(why, "PM1 control block outside system I/O space");

	build_qemu_pc();
	put32(0x20100 + 64, 0);
	table_done(0x20100);
	assert_int_equal(acpi_find_s5(&fake, 0xf5250, &s5, &why), -1);
	assert_string_equal(why, "FADT gives no PM1a control block");

	build_qemu_pc();
	memset(mem + 0x21000 + 36, 0, 64); /* a DSDT without \_S5 */
	table_done(0x21000);
	assert_int_equal(acpi_find_s5(&fake, 0xf5250, &s5, &why), -1);
	assert_string_equal(why, "no \\_S5 package in the DSDT");
}

static void s5_is(const uint8_t *aml, size_t len, int ret, uint8_t a, uint8_t b)
{
	uint8_t ta = 0xee, tb = 0xee;
	assert_int_equal(acpi_aml_find_s5(aml, len, &ta, &tb), ret);
	if (!ret) {
		assert_int_equal(ta, a);
		assert_int_equal(tb, b);
	}
}

/* Integer encodings (20.2.3: ZeroOp, OneOp, OnesOp, Byte/Word/DWord prefixes), the
 * multi-byte PkgLength form (20.2.4), and what is not a \_S5 definition. */
static void test_aml_forms(void **state)
{
	s5_is(qemu_s5, sizeof(qemu_s5), 0, 0, 0);
	s5_is((const uint8_t[]){ 0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x01, 0xff }, 10, 0, 1, 0xff);
	s5_is((const uint8_t[]){ 0x08, '_', 'S', '5', '_', 0x12, 0x09, 0x02, 0x0b, 0x06, 0x00,
				 0x0c, 0x07, 0x00, 0x00, 0x00 }, 16, 0, 6, 7);
	s5_is((const uint8_t[]){ 0x08, '_', 'S', '5', '_', 0x12, 0x40, 0x01, 0x04, 0x0a, 0x03,
				 0x0a, 0x04, 0x00, 0x00 }, 15, 0, 3, 4);
	/* Not a Name(): a reference to _S5_ inside a method. */
	s5_is((const uint8_t[]){ 0x70, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x00, 0x00 }, 10, -1, 0, 0);
	/* One element only, and a package cut short by the end of the table. */
	s5_is((const uint8_t[]){ 0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x01, 0x0a, 0x05 }, 10, -1, 0, 0);
	s5_is((const uint8_t[]){ 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0a, 0x05, 0x0a }, 11, -1, 0, 0);
	/* A method _S5 (not a package). */
	s5_is((const uint8_t[]){ 0x08, '_', 'S', '5', '_', 0x14, 0x04, 0x00, 0xa4, 0x00 }, 10, -1, 0, 0);
}

/* PM1 control (4.8.3.2.1): SLP_TYP in bits 12:10 and SLP_EN (13) set, SCI_EN kept. */
static void test_pm1_value(void **state)
{
	assert_int_equal(acpi_pm1_sleep_value(0x0000, 0), 0x2000);
	assert_int_equal(acpi_pm1_sleep_value(0x0001, 5), 0x3401);
	assert_int_equal(acpi_pm1_sleep_value(0x1c01, 7), 0x3c01);
	assert_int_equal(acpi_pm1_sleep_value(0x1c01, 2), 0x2801);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_pc),
		cmocka_unit_test(test_acpi2_xsdt_ebda),
		cmocka_unit_test(test_bad_checksums),
		cmocka_unit_test(test_fadt_limits),
		cmocka_unit_test(test_aml_forms),
		cmocka_unit_test(test_pm1_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
