/* MP spec 1.4 tables for guests (see x86/mptable.h). */
#include <string.h>
#include <x86/mptable.h>
#include <x86/ioapic.h>
#include <x86/x2apic.h>

enum { ENTRY_CPU = 0, ENTRY_BUS = 1, ENTRY_IOAPIC = 2, ENTRY_IOINT = 3, ENTRY_LINT = 4 };
enum { INT_INT = 0, INT_NMI = 1, INT_EXTINT = 3 };
#define SPEC_REV 4
#define IOAPIC_ID 0
#define ISA_BUS 0
#define CPU_ENABLED 1
#define CPU_BSP 2

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)v); put16(p + 2, (uint16_t)(v >> 16)); }

static uint8_t checksum(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;
	while (len--)
		sum = (uint8_t)(sum + *p++);
	return (uint8_t)-sum;
}

/* An 8-byte interrupt assignment entry (I/O or local). */
static uint8_t *put_int(uint8_t *p, uint8_t entry, uint8_t type, uint8_t src_irq, uint8_t dst,
			uint8_t dst_pin)
{
	p[0] = entry;
	p[1] = type;
	put16(p + 2, 0);   /* polarity and trigger conform to the bus */
	p[4] = ISA_BUS;
	p[5] = src_irq;
	p[6] = dst;
	p[7] = dst_pin;
	return p + 8;
}

size_t mptable_build(uint8_t *buf, uint32_t gpa, unsigned nr_cpus, uint32_t cpu_signature,
		     uint32_t cpu_features)
{
	if (!nr_cpus || nr_cpus > MPTABLE_MAX_CPUS)
		return 0;
	size_t size = MPTABLE_SIZE(nr_cpus);
	memset(buf, 0, size);
	uint8_t *mpf = buf, *cfg = buf + 16, *p = cfg + 44;
	unsigned entries = 0;
	for (unsigned i = 0; i < nr_cpus; i++, entries++, p += 20) {
		p[0] = ENTRY_CPU;
		p[1] = (uint8_t)i;
		p[2] = (uint8_t)X2APIC_VERSION;
		p[3] = CPU_ENABLED | (i == 0 ? CPU_BSP : 0);
		put32(p + 4, cpu_signature);
		put32(p + 8, cpu_features);
	}
	p[0] = ENTRY_BUS;
	p[1] = ISA_BUS;
	memcpy(p + 2, "ISA   ", 6);
	p += 8, entries++;
	p[0] = ENTRY_IOAPIC;
	p[1] = IOAPIC_ID;
	p[2] = (uint8_t)IOAPIC_VERSION;
	p[3] = 1;          /* enabled */
	put32(p + 4, (uint32_t)IOAPIC_BASE_ADDR);
	p += 8, entries++;
	for (unsigned irq = 0; irq < 16; irq++) {
		if (irq == 2)
			continue;  /* its pin is IRQ 0's */
		p = put_int(p, ENTRY_IOINT, INT_INT, (uint8_t)irq, IOAPIC_ID, (uint8_t)ioapic_isa_gsi(irq));
		entries++;
	}
	p = put_int(p, ENTRY_LINT, INT_EXTINT, 0, 0, 0);     /* BSP's LINT0 */
	p = put_int(p, ENTRY_LINT, INT_NMI, 0, 0xFF, 1);     /* every LINT1 */
	entries += 2;

	memcpy(cfg, "PCMP", 4);
	put16(cfg + 4, (uint16_t)(p - cfg));
	cfg[6] = SPEC_REV;
	memcpy(cfg + 8, "TESTVSR ", 8);
	memcpy(cfg + 16, "0.1         ", 12);
	put16(cfg + 34, (uint16_t)entries);
	put32(cfg + 36, (uint32_t)X2APIC_BASE_ADDR);
	cfg[7] = checksum(cfg, (size_t)(p - cfg));

	memcpy(mpf, "_MP_", 4);
	put32(mpf + 4, gpa + 16);
	mpf[8] = 1;        /* length in 16-byte units */
	mpf[9] = SPEC_REV;
	/* feature bytes 0: the configuration table is present; no IMCR */
	mpf[10] = checksum(mpf, 16);
	return size;
}
