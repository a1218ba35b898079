/* Small x86 instruction wrappers shared by testvisor and the payloads. */
#ifndef X86_CPU_H
#define X86_CPU_H

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint16_t inw(uint16_t port) { uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint32_t inl(uint16_t port) { uint32_t v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }

struct cpuid_regs { uint32_t eax, ebx, ecx, edx; };

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;
	__asm__ volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#define DEFINE_CR_ACCESSORS(n) \
	static inline uint64_t read_cr##n(void) { uint64_t v; __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v)); return v; } \
	static inline void write_cr##n(uint64_t v) { __asm__ volatile("mov %0, %%cr" #n :: "r"(v) : "memory"); }
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline uint64_t read_rflags(void)
{
	uint64_t v;
	__asm__ volatile("pushfq; popq %0" : "=r"(v));
	return v;
}

/* MSRs and bits both sides use. */
#define MSR_IA32_TSC        0x00000010
#define MSR_IA32_APIC_BASE  0x0000001B
#define MSR_PAT             0x00000277
#define MSR_EFER            0xC0000080
#define MSR_TSC_AUX         0xC0000103
#define EFER_SCE            (1ull << 0)
#define EFER_LME            (1ull << 8)
#define EFER_LMA            (1ull << 10)
#define EFER_NXE            (1ull << 11)
#define EFER_SVME           (1ull << 12)
#define MSR_VM_CR           0xC0010114
#define VM_CR_SVMDIS        (1ull << 4)
#define MSR_VM_HSAVE_PA     0xC0010117
#define MSR_SEV_GHCB        0xC0010130
#define MSR_SEV_STATUS      0xC0010131
#define MSR_GUEST_TSC_FREQ  0xC0010134

#define CPUID_8000_0001_ECX_SVM   (1u << 2)
#define CPUID_8000_000A_EDX_NP    (1u << 0)
#define CPUID_8000_000A_EDX_NRIPS (1u << 3)
#define CPUID_1_ECX_HYPERVISOR    (1u << 31)

#define RFLAGS_IF (1ull << 9)
#define RFLAGS_TF (1ull << 8)
#define RFLAGS_DF (1ull << 10)
#define DR6_BS (1ull << 14) /* DR6: single-step trap */

/* The QEMU platform devices every x86 payload and testvisor use. */
#define COM1_PORT           0x3F8
#define DEBUG_EXIT_PORT     0xF4

#endif
