/* What testvisor reads of the firmware's ACPI tables: how to switch the machine off (S5).
 * Pure logic over a physical-memory accessor, host-tested on tables built from the spec's
 * layouts (ACPI 6.5: RSDP 5.2.5, RSDT/XSDT 5.2.7-8, FADT 5.2.9, \_Sx 7.4.2, AML 20.2). */
#ifndef X86_ACPI_H
#define X86_ACPI_H

#include <stddef.h>
#include <stdint.h>

/* Physical memory as the walker sees it: a pointer to `len` readable bytes at `pa`, or
 * NULL when that range cannot be read. */
struct acpi_mem {
	const void *(*map)(void *ctx, uint64_t pa, size_t len);
	void *ctx;
};

/* Where a PC BIOS leaves the RSDP (ACPI 6.5, 5.2.5.1): the first KiB of the EBDA (its
 * segment in the BIOS data area at 0x40E), then 0xE0000-0xFFFFF, on 16-byte boundaries. */
#define ACPI_BDA_EBDA_SEGMENT 0x40E
#define ACPI_BIOS_AREA_START 0xE0000
#define ACPI_BIOS_AREA_END 0x100000

/* The RSDP's physical address, or 0 when none with a valid checksum is found there. */
uint64_t acpi_rsdp_scan(const struct acpi_mem *mem);

/* Everything needed to enter S5 (soft off) through the fixed hardware. */
struct acpi_s5 {
	uint64_t rsdp, fadt, dsdt;   /* physical addresses of what was read */
	uint16_t pm1a_cnt, pm1b_cnt; /* PM1 control blocks (system I/O); pm1b_cnt 0: none */
	uint8_t slp_typa, slp_typb;  /* SLP_TYP values from the DSDT's \_S5 package */
	uint16_t smi_cmd;            /* SMI command port and the value that enables ACPI */
	uint8_t acpi_enable;         /* mode (both 0: the system is always in ACPI mode) */
};

/* Walks RSDP -> XSDT (revision >= 2) or RSDT -> FADT -> DSDT and finds \_S5. Returns 0,
 * or -1 with *why saying what is missing or malformed. */
int acpi_find_s5(const struct acpi_mem *mem, uint64_t rsdp_pa, struct acpi_s5 *out,
		 const char **why);

/* In an AML byte stream, the \_S5 object: Name(_S5, Package() { SLP_TYPa, SLP_TYPb, ...}).
 * Returns 0 with both values, or -1. */
int acpi_aml_find_s5(const uint8_t *aml, size_t len, uint8_t *slp_typa, uint8_t *slp_typb);

/* PM1 control register bits (ACPI 6.5, 4.8.3.2.1). */
#define ACPI_PM1_SCI_EN (1u << 0)
#define ACPI_PM1_SLP_TYP_SHIFT 10
#define ACPI_PM1_SLP_TYP_MASK (7u << 10)
#define ACPI_PM1_SLP_EN (1u << 13)

/* The PM1 control value that enters sleep type `slp_typ`, from the register's `current`. */
static inline uint16_t acpi_pm1_sleep_value(uint16_t current, uint8_t slp_typ)
{
	return (uint16_t)((current & ~(ACPI_PM1_SLP_TYP_MASK | ACPI_PM1_SLP_EN)) |
			  ((unsigned)(slp_typ & 7) << ACPI_PM1_SLP_TYP_SHIFT) | ACPI_PM1_SLP_EN);
}

#endif
