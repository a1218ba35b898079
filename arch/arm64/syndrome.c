/* ESR_EL2 syndrome decoding (Arm ARM D24.2.40: ISS for EC 0x24 and EC 0x18). */
#include <arm64/fgt.h>
#include <arm64/syndrome.h>

#define ISS_ISV (1u << 24)
#define ISS_SSE (1u << 21)
#define ISS_SF (1u << 15)
#define ISS_WNR (1u << 6)
#define ESR_IL (1ull << 25)
#define FSC_SEA 0x10 /* synchronous External abort, not on a translation table walk */

bool dabt_decode(uint64_t esr, struct dabt_access *out)
{
	uint32_t iss = (uint32_t)(esr & 0x1ffffff);
	if (!(iss & ISS_ISV))
		return false;
	out->size = 1u << ((iss >> 22) & 3);
	out->reg = (iss >> 16) & 31;
	out->sign_extend = iss & ISS_SSE;
	out->sixty_four = iss & ISS_SF;
	out->write = iss & ISS_WNR;
	return true;
}

uint64_t dabt_load_value(const struct dabt_access *a, uint64_t raw)
{
	unsigned bits = 8 * a->size;
	uint64_t v = bits < 64 ? raw & ((1ull << bits) - 1) : raw;
	if (a->sign_extend && bits < 64 && (v >> (bits - 1)) & 1)
		v |= ~0ull << bits;
	return a->sixty_four ? v : (uint32_t)v;
}

uint64_t dabt_ipa(uint64_t hpfar, uint64_t far)
{
	return ((hpfar >> 4) << 12) | (far & 0xfff);
}

void sysreg_decode(uint64_t esr, struct sysreg_access *out)
{
	uint32_t iss = (uint32_t)(esr & 0x1ffffff);
	out->enc = SYS_ENC((iss >> 20) & 3, (iss >> 14) & 7, (iss >> 10) & 15, (iss >> 1) & 15,
			   (iss >> 17) & 7);
	out->rt = (iss >> 5) & 31;
	out->read = iss & 1;
}

/* Arm ARM ESR_ELx: EC 0x20/0x21 instruction abort from a lower / the same EL, 0x24/0x25
 * data abort; IL = 1 (32-bit instruction); ISV = 0; xFSC 0b010000. What QEMU virt reports
 * for an access with nothing behind it: 0x96000010 (load), 0x96000050 (store),
 * 0x86000010 (fetch), all at EL1. */
uint64_t sea_syndrome(bool fetch, bool from_el0, bool write)
{
	uint64_t ec = (fetch ? 0x20u : 0x24u) | (from_el0 ? 0u : 1u);
	return (ec << 26) | ESR_IL | (!fetch && write ? ISS_WNR : 0) | FSC_SEA;
}
