/* Writes the structured seed inputs of a fuzz target (ELF images, device trees, Linux
 * Image headers...) into a corpus directory, so that no binary seed is checked in; text
 * seeds live in tests/fuzz/corpus/<target>/. Each seed starts with the selector byte its
 * target reads first (see the target's comment).
 * Usage: build/fuzz/seeds <target> <directory>; a target without generated seeds is fine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fdt.h>
#include "elf_image.h"

static const char *dir;
static unsigned count;

static void put(uint8_t selector, const void *data, size_t len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/seed-%02u", dir, count++);
	FILE *f = fopen(path, "wb");
	if (!f || fputc(selector, f) == EOF || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void loader(void)
{
	static uint8_t img[4096];
	/* Selector bits 0-1: x86_64, arm64, riscv64, s390x (tests/fuzz/loader.c). */
	static const struct { bool is64, big; uint16_t machine; uint64_t base; } m[] = {
		{ false, false, 3, 0 }, { true, false, 183, 0x40000000 },
		{ true, false, 243, 0x80000000 }, { true, true, 22, 0 },
	};
	for (uint8_t i = 0; i < 4; i++) {
		size_t n = elf_image_build(img, m[i].is64, m[i].big, m[i].machine,
					   m[i].base + 0x100000, m[i].base + 0x100000, 64, 4096);
		put(i, img, n);
		img[16] = 3; /* ET_DYN: a PIE */
		put(i, img, n);
	}
	/* arm64 and riscv64 Linux Image headers: text_offset, image_size, magic at 0x38. */
	memset(img, 0, 128);
	elf_image_put(img + 8, 0x80000, 8, false);
	elf_image_put(img + 16, 0x2000, 8, false);
	memcpy(img + 0x38, "ARM\x64", 4);
	put(1, img, 128);
	memcpy(img + 0x38, "RSC\x05", 4);
	put(2, img, 128);
	put(1, "raw guest", 9);
}

static size_t sample_dtb(uint8_t *buf, size_t cap)
{
	struct fdt_writer w;
	fdt_begin(&w, buf, cap);
	fdt_begin_node(&w, "");
	fdt_prop_u32(&w, "#address-cells", 2);
	fdt_prop_string(&w, "model", "fuzz");
	fdt_begin_node(&w, "memory@40000000");
	fdt_prop_string(&w, "device_type", "memory");
	fdt_prop_u64(&w, "reg", 0x40000000);
	fdt_end_node(&w);
	fdt_begin_node(&w, "cpus");
	fdt_begin_node(&w, "cpu@0");
	fdt_prop_string(&w, "enable-method", "psci");
	fdt_end_node(&w);
	fdt_end_node(&w);
	fdt_begin_node(&w, "psci");
	fdt_prop_string(&w, "method", "hvc");
	fdt_end_node(&w);
	fdt_begin_node(&w, "chosen");
	fdt_prop_string(&w, "bootargs", "console=ttyAMA0");
	fdt_prop_u64(&w, "linux,initrd-start", 0x48000000);
	fdt_end_node(&w);
	fdt_end_node(&w);
	return fdt_finish(&w);
}

static void fdt(void)
{
	static uint8_t buf[2048];
	size_t n = sample_dtb(buf, sizeof(buf));
	put(0, buf, n);
	put(0, buf, 40); /* a header alone */
	/* Writer programs (odd selector): nodes, properties, closes. */
	static const uint8_t prog[] = { 5, 4, 'a', 'b', 'c', 'd', 0, 6, 2, 1, 2, 1, 7, 0x23, 4, 4 };
	put(0xff, prog, sizeof(prog));
}

/* Selector: mode in bits 0-1 (16, 32, 64-bit), bytes given in bits 2-5 (x86_insn.c). */
static void x86_insn(void)
{
	static const uint8_t cpuid[] = { 0x0f, 0xa2 };
	static const uint8_t mov_sib_disp32[] = { 0x48, 0x8b, 0x84, 0x24, 0x10, 0x20, 0x30, 0x40 };
	static const uint8_t movabs[] = { 0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8 };
	static const uint8_t out_dx[] = { 0x66, 0xef };
	static const uint8_t pshufb[] = { 0x66, 0x0f, 0x38, 0x00, 0xc1 };
	uint8_t prefixes[16];
	memset(prefixes, 0x66, sizeof(prefixes));
	put(2 | 15 << 2, cpuid, sizeof(cpuid));
	put(2 | 15 << 2, mov_sib_disp32, sizeof(mov_sib_disp32));
	put(2 | 15 << 2, movabs, sizeof(movabs));
	put(1 | 2 << 2, out_dx, sizeof(out_dx));
	put(0 | 15 << 2, pshufb, sizeof(pshufb));
	put(2 | 15 << 2, prefixes, sizeof(prefixes));
}

/* A launch the way snp_launch.c does it (ops of tests/fuzz/x86_psp.c: op, address choice,
 * values): RMP pages, INIT_EX, GCTX_CREATE, LAUNCH_START, ACTIVATE, LAUNCH_UPDATE, FINISH. */
static void x86_psp(void)
{
	static const uint8_t launch[] = {
		0, 0x60, 0x05,                     /* RMPUPDATE page 0: firmware, immutable */
		0, 0x61, 0x2d,                     /* page 1: ASID 5, immutable */
		1, 0, 0, 0,                        /* INIT_EX */
		2, 0x60,                           /* GCTX_CREATE at page 0 */
		3, 0x60, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* LAUNCH_START, policy 0x30000 */
		4, 0x60, 5,                        /* ACTIVATE ASID 5 */
		5, 0x60, 0x61 | 0,                 /* LAUNCH_UPDATE page 1 */
		6, 0x60,                           /* LAUNCH_FINISH */
		9, 0, 7, 0x60,                     /* PLATFORM_STATUS, DECOMMISSION */
	};
	put(launch[0], launch + 1, sizeof(launch) - 1);
}

/* ESR_EL2 of a trapped MRS/MSR (EC 0x18) of op0, op1, CRn, CRm, op2 into Xt. */
static uint64_t esr_sysreg(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
			   unsigned rt, bool read)
{
	return 0x18ull << 26 | 1ull << 25 | (uint64_t)op0 << 20 | (uint64_t)op2 << 17 |
	       (uint64_t)op1 << 14 | (uint64_t)crn << 10 | (uint64_t)rt << 5 | (uint64_t)crm << 1 | read;
}

/* ESR, loaded value, HPFAR, FAR (8 bytes each, little endian), then a spec (arm64_sysreg.c). */
static void arm64_sysreg_seed(uint64_t esr, const char *spec)
{
	uint8_t b[32 + 64] = { 0 };
	elf_image_put(b, esr, 8, false);
	elf_image_put(b + 8, 0x8081828384858687ull, 8, false);
	elf_image_put(b + 16, 0x9000010ull, 8, false);
	elf_image_put(b + 24, 0x9000123ull, 8, false);
	size_t n = strlen(spec);
	memcpy(b + 32, spec, n);
	put(b[0], b + 1, 31 + n);
}

static void arm64_sysreg(void)
{
	arm64_sysreg_seed(esr_sysreg(3, 0, 0, 4, 0, 1, true), "");            /* ID_AA64PFR0_EL1 */
	arm64_sysreg_seed(esr_sysreg(3, 0, 5, 5, 2, 3, false), "ras=v1");     /* ERXMISC2_EL1 */
	arm64_sysreg_seed(esr_sysreg(3, 0, 12, 11, 5, 0, false), "hide=sve"); /* ICC_SGI1R_EL1 */
	arm64_sysreg_seed(esr_sysreg(3, 3, 9, 12, 0, 2, true), "ras=none");   /* PMCR_EL0 */
	/* A data abort with ISV: 4-byte sign-extending load into W5 (EC 0x24). */
	arm64_sysreg_seed(0x24ull << 26 | 1ull << 25 | 1u << 24 | 2u << 22 | 1u << 21 | 5u << 16,
			  "ras=v1p1");
}

/* Set-up byte (2 vCPUs, PSCI 1.0), then calls: caller byte and X0-X3 (arm64_psci.c). */
static void arm64_psci(void)
{
	static const uint64_t calls[][4] = {
		{ 0x84000000 },                          /* PSCI_VERSION */
		{ 0x8400000a, 0xc4000003 },              /* PSCI_FEATURES(CPU_ON) */
		{ 0xc4000003, 1, 0x40001000, 7 },        /* CPU_ON vCPU 1 */
		{ 0xc4000004, 1, 0 },                    /* AFFINITY_INFO */
		{ 0x80000001, 0x80008000 },              /* SMCCC_ARCH_FEATURES */
		{ 0x84000008 },                          /* SYSTEM_OFF */
	};
	uint8_t b[sizeof(calls) / sizeof(calls[0]) * 33];
	size_t n = 0;
	for (size_t c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
		b[n++] = 0;
		for (unsigned r = 0; r < 4; r++, n += 8)
			elf_image_put(b + n, calls[c][r], 8, false);
	}
	put(0x05, b, n);
}

/* Instruction, htinst, stval, htval, flags, then memory (rv_insn.c). Flags 0x50: a
 * misaligned load with stval in the memory window; 0x04: MMIO a device claims. */
static void rv_insn(void)
{
	static const struct { uint32_t insn; uint8_t flags; } s[] = {
		{ 0x0005a503, 0x50 },       /* lw a0, 0(a1) */
		{ 0x00a13423, 0xd0 },       /* sd a0, 8(sp), as a misaligned store */
		{ 0x00b5202f, 0xd0 },       /* amoadd.w zero, a1, (a0) */
		{ 0x4188, 0x04 },           /* c.lw a0, 0(a1), MMIO */
		{ 0x0005b507, 0x04 },       /* fld fa0, 0(a1), MMIO */
	};
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		uint8_t b[29 + 16];
		elf_image_put(b, s[i].insn, 4, false);
		elf_image_put(b + 4, 0, 8, false);
		elf_image_put(b + 12, 0x80000003, 8, false);
		elf_image_put(b + 20, 0x2000400, 8, false);
		b[28] = s[i].flags;
		memset(b + 29, 0x11 * (uint8_t)(i + 1), 16);
		put(b[0], b + 1, sizeof(b) - 1);
	}
}

/* Set-up (4 vCPUs, every capability), spec 0, then calls: caller/how, extension index in
 * rv_sbi.c's list, function ID, a0-a2. */
static void rv_sbi(void)
{
	static const struct { uint8_t how, ext, fid; uint64_t a[3]; } calls[] = {
		{ 0x00, 4, 3, { 0x46574654 } },          /* BASE probe_extension(FWFT) */
		{ 0x00, 13, 0, { 0, 1, 0 } },            /* FWFT set MISALIGNED_EXC_DELEG */
		{ 0x00, 13, 1, { 0 } },                  /* FWFT get */
		{ 0x40, 11, 0, { 5, 0x800, 0 } },        /* DBCN write 5 bytes at RAM base */
		{ 0x40, 8, 0, { 1, 0x900, 42 } },        /* HSM start hart 1 */
		{ 0x01, 8, 3, { 0, 0x900, 0 } },         /* HSM suspend (retentive) on hart 1 */
		{ 0x00, 9, 0, { 0, 0 } },                /* SRST shutdown */
	};
	uint8_t b[2 + sizeof(calls) / sizeof(calls[0]) * 27];
	size_t n = 2;
	b[0] = 0xff;
	b[1] = 0;
	for (size_t c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
		b[n++] = calls[c].how;
		b[n++] = calls[c].ext;
		b[n++] = calls[c].fid;
		for (unsigned r = 0; r < 3; r++, n += 8)
			elf_image_put(b + n, calls[c].a[r], 8, false);
	}
	put(b[0], b + 1, n - 1);
}

/* Guest memory with a SCHIB enabling subchannel 0 at 0, a format-1 ORB at 0x40 for a
 * one-CCW program at 0x100 writing 4 bytes from 0x180; operations at the end, the last
 * one first (s390_css.c): MSCH, SSCH, TSCH, STCRW, TPI-like take, CHSC. */
static void s390_css(void)
{
	uint8_t m[512] = { 0 };
	m[5] = 0x80;                                    /* PMCW: enabled */
	m[0x40 + 5] = 0x80;                             /* ORB: format-1 CCWs */
	m[0x40 + 6] = 0xff;                             /* all paths */
	m[0x40 + 10] = 0x01;                            /* channel program at 0x100 */
	static const uint8_t ccw[8] = { 0x01, 0x00, 0x00, 0x04, 0x00, 0x00, 0x01, 0x80 };
	memcpy(m + 0x100, ccw, sizeof(ccw));
	memcpy(m + 0x180, "\xc8\xc9\x40\x40", 4);
	static const uint8_t ops[][4] = {
		{ 1, 0, 0, 0 }, { 2, 0, 4, 0 }, { 3, 0, 0, 0 }, { 11, 0, 1, 2 }, { 8, 0, 0, 0 },
		{ 10, 0, 0xff, 0 }, { 9, 0, 0x10, 0 },
	};
	size_t nops = sizeof(ops) / sizeof(ops[0]);
	for (size_t i = 0; i < nops; i++)
		memcpy(m + sizeof(m) - 4 * (i + 1), ops[i], 4);
	put(m[0], m + 1, sizeof(m) - 1);
}

/* Command choice (4 bytes), SCCB offset (2), vCPUs/RAM byte, then the SCCB (s390_sclp.c).
 * Fields in the host's byte order: the harness runs sclp_guest.c natively. */
static void s390_sclp_seed(uint32_t cmd_index, uint16_t at, const uint8_t *sccb, size_t len)
{
	uint8_t b[7 + 64];
	elf_image_put(b, cmd_index, 4, false);
	elf_image_put(b + 4, at, 2, false);
	b[6] = 0x05; /* 2 vCPUs, 1 MiB */
	memcpy(b + 7, sccb, len);
	put(b[0], b + 1, 6 + len);
}

static void s390_sclp(void)
{
	uint8_t sccb[64] = { 0 };
	elf_image_put(sccb, 4096, 2, false);                 /* Read SCP Info, a full page */
	s390_sclp_seed(0, 0x1000, sccb, 8);
	memset(sccb, 0, sizeof(sccb));
	elf_image_put(sccb, 8 + 6 + 5, 2, false);            /* Write Event Data */
	elf_image_put(sccb + 8, 6 + 5, 2, false);
	sccb[10] = 0x1a;                                     /* ASCII console */
	memcpy(sccb + 14, "hello", 5);
	s390_sclp_seed(2, 0x100, sccb, 19);
	memset(sccb, 0, sizeof(sccb));
	elf_image_put(sccb, 12 + 16, 2, false);              /* Write Event Mask, 4-byte masks */
	sccb[11] = 4;
	sccb[12] = 0x40;
	s390_sclp_seed(4, 0x200, sccb, 28);
}

/* How many bytes are given (selector, 0-7), then the instruction (s390_decode.c). */
static void s390_decode(void)
{
	static const uint8_t servc[] = { 0xb2, 0x20, 0x00, 0x12 };
	static const uint8_t lctlg[] = { 0xeb, 0x00, 0xf0, 0x00, 0x00, 0x2f };
	static const uint8_t ssm[] = { 0x80, 0x00, 0x10, 0x00 };
	static const uint8_t diag[] = { 0x83, 0x12, 0x05, 0x00 };
	put(4, servc, sizeof(servc));
	put(6, lctlg, sizeof(lctlg));
	put(4, ssm, sizeof(ssm));
	put(4, diag, sizeof(diag));
}

/* Guest type/version byte (SNP, version 2), C-bit 51, then GHCB MSR requests (x86_ghcb.c). */
static void x86_ghcb(void)
{
	static const uint64_t reqs[] = { 0x002, 0x8000001full << 32 | 2ull << 30 | 0x004, 0x080,
					 0x1234ull << 12 | 0x012, 0x100 };
	uint8_t b[1 + sizeof(reqs)];
	b[0] = 51;
	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++)
		elf_image_put(b + 1 + 8 * i, reqs[i], 8, false);
	put(0x03, b, sizeof(b));
}

/* GHCB pages (x86_ghcb_page.c), one per event, all inputs valid; the selector byte is the
 * page's byte 0, the rest follows. Bytes 0-15 double as an interrupt gate (0x8e at 5). */
static void ghcb_field(uint8_t *page, unsigned off, uint64_t v)
{
	elf_image_put(page + off, v, 8, false);
	page[0x3f0 + off / 64] |= (uint8_t)(1u << (off / 8 % 8));
}

static void x86_ghcb_page(void)
{
	static const struct { uint64_t code, info1; unsigned extra[3]; } events[] = {
		{ 0x72, 0, { 0x1f8, 0x308, 0 } },           /* CPUID: RAX, RCX */
		{ 0x7b, 0x3f8u << 16 | 1 << 4, { 0x1f8, 0, 0 } }, /* OUT: RAX */
		{ 0x7c, 1, { 0x308, 0x1f8, 0x310 } },       /* WRMSR: RCX, RAX, RDX */
		{ 0x81, 0, { 0x1f8, 0, 0 } },               /* VMMCALL: RAX (+ CPL below) */
		{ 0x80000013, 1ull << 32 | 1, { 0x1f8, 0, 0 } }, /* AP creation */
	};
	static uint8_t page[4096];
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		memset(page, 0, sizeof(page));
		page[5] = 0x8e;
		ghcb_field(page, 0x390, events[i].code);
		ghcb_field(page, 0x398, events[i].info1);
		ghcb_field(page, 0x3a0, 0x1000);
		for (unsigned j = 0; j < 3; j++)
			if (events[i].extra[j])
				ghcb_field(page, events[i].extra[j], 0xd);
		page[0x3f0 + 0xcb / 64] |= 1u << (0xcb / 8 % 8);
		put(page[0], page + 1, sizeof(page) - 1);
	}
}

/* Set-up byte (2 vCPUs, 4 list registers), then 12-byte operations (arm64_vgic.c): kind,
 * vCPU, offset (3 bytes), size index, value (6 bytes). */
static void arm64_vgic(void)
{
	static const struct { uint8_t kind, vcpu; uint32_t off; uint8_t size; uint64_t val; } ops[] = {
		{ 2, 0, 0x0000, 2, 2 },                   /* GICD_CTLR: group 1 on */
		{ 3, 0, 0x10080, 2, 0xffffffff },         /* GICR_IGROUPR0 */
		{ 3, 0, 0x10100, 2, 1u << 27 | 0xffff },  /* GICR_ISENABLER0: SGIs, vtimer */
		{ 3, 0, 0x10400 + 27, 0, 0xa0 },          /* GICR_IPRIORITYR, one byte */
		{ 3, 0, 0x10200, 2, 1u << 3 },            /* GICR_ISPENDR0 */
		{ 1, 0, 0x10200, 2, 0 },                  /* read it back */
		{ 6, 1, 0, 0, 1ull << 24 | 1 },           /* ICC_SGI1R_EL1: SGI 1 to vCPU 0 */
		{ 8, 0, 27, 0, 0 },                       /* the vtimer's PPI fires */
		{ 3, 0, 0x10380, 2, 1u << 27 },           /* GICR_ICACTIVER0 */
		{ 10, 0, 0, 0, 0 },                       /* EOI of list register 0 */
		{ 2, 0, 0x84, 2, 0xffffffff },            /* GICD_IGROUPR1: SPIs group 1 */
		{ 2, 0, 0x104, 2, 1 },                    /* GICD_ISENABLER1: SPI 32 */
		{ 12, 0, 0x100 | 32, 0, 0 },              /* SPI 32's line goes high */
		{ 14, 0, 0, 0, 0 },                       /* vCPU 0 about to run: SPI sync */
	};
	uint8_t b[sizeof(ops) / sizeof(ops[0]) * 12];
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		uint8_t *o = b + 12 * i;
		o[0] = ops[i].kind;
		o[1] = ops[i].vcpu;
		elf_image_put(o + 2, ops[i].off, 3, false);
		o[5] = ops[i].size;
		elf_image_put(o + 6, ops[i].val, 6, false);
	}
	put(0x0d, b, sizeof(b));
}

static const struct { const char *name; void (*fn)(void); } targets[] = {
	{ "arm64_vgic", arm64_vgic },
	{ "x86_ghcb", x86_ghcb },
	{ "x86_ghcb_page", x86_ghcb_page },
	{ "s390_decode", s390_decode },
	{ "s390_sclp", s390_sclp },
	{ "s390_css", s390_css },
	{ "rv_sbi", rv_sbi },
	{ "rv_insn", rv_insn },
	{ "arm64_psci", arm64_psci },
	{ "arm64_sysreg", arm64_sysreg },
	{ "x86_psp", x86_psp },
	{ "x86_insn", x86_insn },
	{ "loader", loader },
	{ "fdt", fdt },
};

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s <target> <directory>\n", argv[0]);
		return 2;
	}
	dir = argv[2];
	for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (!strcmp(targets[i].name, argv[1]))
			targets[i].fn();
	return 0;
}
