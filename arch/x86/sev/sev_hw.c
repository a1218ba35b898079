/* The hardware SEV-SNP backend (a real EPYC with SNP enabled by firmware). Every path is
 * guarded: CPUID 0x8000001F must report SNP, testvisor must run on bare metal, firmware
 * must have reserved the RMP (RMP_BASE/RMP_END) where testvisor can reach it, and a PSP
 * must answer on PCI; only then is the RMP cleared and SNP enabled in SYSCFG. An emulator
 * offers no SNP (docs/x86-sev.md), so there the probe runs and stops early: the mailbox,
 * RMPUPDATE and VMSA programming below are exercised only through the host tests of the
 * launch sequence (tests/unit/x86/test_x86_snp_hw_launch.c). */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <stdio.h>
#include <string.h>
#include <cpu.h>
#include <x86/sev.h>
#include <x86/sev_backend.h>
#include <x86/svm.h>

#define MSR_SYSCFG 0xC0010010
#define SYSCFG_MFDM (1ull << 19)
#define SYSCFG_SNP_EN (1ull << 24)
#define IDENTITY_MAP_END (4ull << 30)
#define MSR_RMP_BASE 0xC0010132
#define MSR_RMP_END 0xC0010133
#define PCI_CONFIG_ADDRESS 0xCF8
#define PCI_CONFIG_DATA 0xCFC
#define AMD_VENDOR 0x1022
#define PSP_BAR_INDEX 2
#define PSP_TIMEOUT_MS 10000
#define NP_ENABLE_SEV (1ull << 1)
#define NP_ENABLE_SEV_ES (1ull << 2)

/* Mailbox register offsets in the PSP's BAR, per device generation (as the Linux ccp
 * driver's sev_vdata records them). */
static const struct psp_mailbox_regs sev_v1 = { 0x10580, 0x105e0, 0x105e4 };
static const struct psp_mailbox_regs sev_v2 = { 0x10980, 0x109e0, 0x109e4 };
static const struct psp_device {
	uint16_t device;
	const struct psp_mailbox_regs *regs;
} psp_devices[] = {
	{ 0x1456, &sev_v1 }, { 0x1486, &sev_v2 }, { 0x14CA, &sev_v2 }, { 0x156E, &sev_v2 },
	{ 0x17E0, &sev_v2 },
};

static uint32_t mmio_read32(void *base, uint32_t off)
{
	return *(volatile uint32_t *)((uint8_t *)base + off);
}

static void mmio_write32(void *base, uint32_t off, uint32_t val)
{
	*(volatile uint32_t *)((uint8_t *)base + off) = val;
}

static uint64_t now_ms(void *ctx)
{
	uint64_t hz = arch_cycles_hz();
	return hz ? arch_cycles() / (hz / 1000) : 0;
}

static uint64_t buffer_pa(const void *buf) { return pa_addr(pa_from_ptr(buf)); }

static struct psp_mailbox mailbox = {
	.read32 = mmio_read32, .write32 = mmio_write32, .now_ms = now_ms,
	.buffer_pa = buffer_pa, .timeout_ms = PSP_TIMEOUT_MS,
};

static uint32_t pci_read(unsigned bus, unsigned dev, unsigned fn, unsigned reg)
{
	outl(PCI_CONFIG_ADDRESS, 0x80000000u | bus << 16 | dev << 11 | fn << 8 | (reg & 0xfc));
	return inl(PCI_CONFIG_DATA);
}

static bool find_psp(struct psp_mailbox *mb)
{
	for (unsigned bus = 0; bus < 256; bus++)
		for (unsigned dev = 0; dev < 32; dev++)
			for (unsigned fn = 0; fn < 8; fn++) {
				uint32_t id = pci_read(bus, dev, fn, 0);
				if ((id & 0xffff) != AMD_VENDOR)
					continue;
				for (size_t i = 0; i < sizeof(psp_devices) / sizeof(psp_devices[0]); i++) {
					if (psp_devices[i].device != id >> 16)
						continue;
					uint32_t bar = pci_read(bus, dev, fn, 0x10 + 4 * PSP_BAR_INDEX);
					uint64_t base = bar & ~0xfull;
					if (bar & 4) /* 64-bit BAR */
						base |= (uint64_t)pci_read(bus, dev, fn, 0x14 + 4 * PSP_BAR_INDEX) << 32;
					mb->ctx = (void *)(uintptr_t)base;
					mb->regs = psp_devices[i].regs;
					return base != 0;
				}
			}
	return false;
}

/* RMPUPDATE (F2 0F 01 FE): RAX = the page's system-physical address, RCX = the new entry;
 * RAX returns 0 on success (AMD APM vol. 3). */
static int rmpupdate(void *ctx, uint64_t pa, const struct rmp_update *e)
{
	uint64_t ret;
	__asm__ volatile(".byte 0xf2, 0x0f, 0x01, 0xfe"
			 : "=a"(ret) : "a"(pa), "c"(e) : "memory", "cc");
	return ret ? -1 : 0;
}

/* The launched VMSA carries the guest state and SEV_FEATURES; the SEV and SEV-ES enable
 * bits turn encryption and state protection on. */
static void hw_use_vmsa(struct vcpu *vcpu, paddr_t vmsa)
{
	struct vmcb *v = vcpu->arch.vmcb;
	v->control.vmsa_pa = pa_addr(vmsa);
	v->control.np_enable |= NP_ENABLE_SEV | NP_ENABLE_SEV_ES;
}

/* RMP set-up as the OS does it: the RMP must be all zero (every page hypervisor-owned)
 * before SNP is enabled; then memory-fault-detection mode and SNPEn in SYSCFG. */
static bool rmp_enable(uint64_t rmp_base, uint64_t rmp_end)
{
	uint64_t syscfg = rdmsr(MSR_SYSCFG);
	if (!(syscfg & SYSCFG_SNP_EN)) {
		memset((void *)(uintptr_t)rmp_base, 0, rmp_end + 1 - rmp_base);
		wrmsr(MSR_SYSCFG, syscfg | SYSCFG_MFDM | SYSCFG_SNP_EN);
	}
	return rdmsr(MSR_SYSCFG) & SYSCFG_SNP_EN;
}

bool sev_hw_probe(struct sev_backend *b, char *why, size_t len)
{
	struct cpuid_regs leaf = cpuid(0x8000001F, 0);
	struct sev_caps caps = cpuid(0x80000000, 0).eax >= 0x8000001F ?
		sev_caps_from_cpuid(leaf.eax, leaf.ebx, leaf.ecx, leaf.edx) : (struct sev_caps){ 0 };
	if (!caps.snp) {
		snprintf(why, len, "CPU has no SEV-SNP (CPUID 8000_001Fh)");
		return false;
	}
	if (cpuid(1, 0).ecx & CPUID_1_ECX_HYPERVISOR) {
		snprintf(why, len, "running under a hypervisor or emulator: SNP needs bare metal");
		return false;
	}
	uint64_t rmp_base = rdmsr(MSR_RMP_BASE), rmp_end = rdmsr(MSR_RMP_END);
	if (!rmp_base || rmp_end <= rmp_base) {
		snprintf(why, len, "firmware reserved no RMP table (RMP_BASE/RMP_END unset)");
		return false;
	}
	if (rmp_end >= IDENTITY_MAP_END) {
		snprintf(why, len, "RMP table at %#lx lies above the 4 GiB testvisor maps",
			 (unsigned long)rmp_base);
		return false;
	}
	if (!find_psp(&mailbox)) {
		snprintf(why, len, "no AMD Secure Processor found on PCI");
		return false;
	}
	if (!rmp_enable(rmp_base, rmp_end)) {
		snprintf(why, len, "SYSCFG.SNPEn did not stick (SNP disabled in firmware setup?)");
		return false;
	}
	b->name = "hardware";
	b->hardware = true;
	b->caps = caps;
	b->psp = (struct psp_transport){ psp_mailbox_submit, &mailbox };
	b->rmp = (struct snp_rmp){ rmpupdate, NULL };
	b->use_vmsa = hw_use_vmsa;
	return true;
}
