/* SEV-ES/SNP guest side: GHCB set-up and the #VC handler (sev_guest.h). The GHCB layout,
 * exit codes and MSR protocol values are written here from the GHCB specification and
 * the APM, apart from testvisor's own headers, so that a wrong offset on one side fails
 * the payloads instead of agreeing with itself. */
#include <libtv.h>
#include <string.h>
#include <cpu.h>
#include "sev_guest.h"
#include "sev_ghcb.h"
#include "trap.h"
#include "x86_guest.h"

/* GHCB MSR protocol (GHCB specification "GHCB MSR Protocol"). */
#define MSR_INFO(v) ((v) & 0xfff)
#define MSR_SEV_INFO_REQ 0x002
#define MSR_SEV_INFO_RESP 0x001
#define MSR_PSC_REQ 0x014
#define MSR_PSC_RESP 0x015
#define MSR_PSC_SHARED 2ull
#define MSR_PSC_PRIVATE 1ull
#define MSR_REGISTER_REQ 0x012
#define MSR_REGISTER_RESP 0x013
#define MSR_TERMINATE_REQ 0x100
#define SEV_STATUS_ES (1ull << 1)
#define SEV_STATUS_SNP (1ull << 2)
#define SEV_STATUS_SECURE_TSC (1ull << 11) /* SEV_FEATURES bit 9, shifted by 2 */

uint8_t ghcb[4096] __attribute__((aligned(4096)));

/* The C-bit as an address mask (longmode.inc: from the loader at the 64-bit entry, in
 * every entry of the page tables it built; 0 when not an SEV guest or entered otherwise). */
extern const uint64_t lm_cbit_mask;
#define PTE_P_RW 0x3ull
#define PTE_PS (1ull << 7)
#define PTE_ADDR 0x000ffffffffff000ull
#define SPLIT_TABLES 4
static uint64_t split_tables[SPLIT_TABLES][512] __attribute__((aligned(4096)));
static unsigned split_used;

uint64_t sev_cbit_mask(void) { return lm_cbit_mask; }

static uint64_t *table_at(uint64_t entry) { return (uint64_t *)(uintptr_t)(entry & PTE_ADDR & ~lm_cbit_mask); }

/* The 4 KiB page-table entry of the identity-mapped `va`, its 2 MiB page split into 4 KiB
 * pages first (all keeping the C-bit); NULL when no table is left for a split. */
static uint64_t *pte_of(uint64_t va)
{
	uint64_t c = lm_cbit_mask, cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t *pdpt = table_at(table_at(cr3)[(va >> 39) & 511]);
	uint64_t *pde = &table_at(pdpt[(va >> 30) & 511])[(va >> 21) & 511];
	if (*pde & PTE_PS) {
		if (split_used == SPLIT_TABLES)
			return NULL;
		uint64_t *pt = split_tables[split_used++], base = *pde & PTE_ADDR & ~c & ~0x1fffffull;
		for (uint64_t i = 0; i < 512; i++)
			pt[i] = (base + i * 4096) | PTE_P_RW | c;
		*pde = (uint64_t)(uintptr_t)pt | PTE_P_RW | c;
	}
	return &table_at(*pde)[(va >> 12) & 511];
}

/* The page at `va` with the C-bit clear (shared: the GHCB specification's GHCB and the pages
 * exchanged with the hypervisor are unencrypted) or set again (private). */
bool sev_map_cbit(uint64_t va, bool cbit)
{
	uint64_t c = lm_cbit_mask, *pte, cr3;
	if (!c)
		return true;
	if (!(pte = pte_of(va)))
		return false;
	*pte = cbit ? *pte | c : *pte & ~c;
	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) :: "memory"); /* the whole TLB */
	return true;
}

bool sev_map_unencrypted(uint64_t va) { return sev_map_cbit(va, false); }

/* A page directory for device memory outside the loader's first GiB. */
static uint64_t mmio_pd[512] __attribute__((aligned(4096)));
static uint64_t *mmio_pd_user;
#define PTE_PCD_PWT 0x18ull

bool sev_map_mmio(uint64_t pa)
{
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t *pdpt = table_at(table_at(cr3)[(pa >> 39) & 511]);
	uint64_t *pdpte = &pdpt[(pa >> 30) & 511];
	if (!(*pdpte & 1)) {
		if (mmio_pd_user)
			return false; /* the one spare directory serves another GiB */
		mmio_pd_user = pdpte;
		*pdpte = (uint64_t)(uintptr_t)mmio_pd | PTE_P_RW | lm_cbit_mask;
	} else if (*pdpte & PTE_PS)
		return false;
	table_at(*pdpte)[(pa >> 21) & 511] = (pa & ~0x1fffffull) | PTE_P_RW | PTE_PS | PTE_PCD_PWT;
	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) :: "memory");
	return true;
}
static uint64_t status;
static unsigned version;
/* One GHCB for all CPUs: a #VC handler holds it from filling the page to reading the
 * answer (each CPU sets its own GHCB MSR). */
static int ghcb_lock;
static unsigned long vc_counts[EXIT_NPF + 1];

bool sev_es_guest(void) { return status & SEV_STATUS_ES; }
uint8_t *sev_ghcb_page(void) { return ghcb; }
unsigned sev_ghcb_version(void) { return version; }
unsigned long sev_vc_count(unsigned code) { return code <= EXIT_NPF ? vc_counts[code] : 0; }

static void vmgexit(void) { __asm__ volatile("rep; vmmcall" ::: "memory"); }

static uint64_t msr_protocol(uint64_t request)
{
	wrmsr(MSR_SEV_GHCB, request);
	vmgexit();
	return rdmsr(MSR_SEV_GHCB);
}

/* Ends the guest through the MSR protocol (the GHCB page may be what is broken). */
noreturn void sev_terminate(unsigned code)
{
	for (;;)
		msr_protocol(MSR_TERMINATE_REQ | 1ull << 12 | (uint64_t)code << 16);
}

/* Another CPU's request finishes in a few exits; a CPU that still waits after that many
 * spins holds the lock itself (a #VC inside its own handler). */
#define GHCB_LOCK_SPINS 100000000ul
void ghcb_acquire(void)
{
	for (unsigned long spins = 0; __atomic_exchange_n(&ghcb_lock, 1, __ATOMIC_ACQUIRE); spins++) {
		if (spins == GHCB_LOCK_SPINS)
			sev_terminate(TERM_NESTED);
		__asm__ volatile("pause");
	}
}

void ghcb_release(void) { __atomic_store_n(&ghcb_lock, 0, __ATOMIC_RELEASE); }

void ghcb_put(unsigned off, uint64_t v)
{
	memcpy(ghcb + off, &v, 8);
	ghcb[OFF_VALID + off / 64] |= (uint8_t)(1u << (off / 8 % 8));
}

static bool valid(unsigned off) { return (ghcb[OFF_VALID + off / 64] >> (off / 8 % 8)) & 1; }

uint64_t ghcb_get(unsigned off)
{
	uint64_t v;
	memcpy(&v, ghcb + off, 8);
	return v;
}

void ghcb_begin(uint64_t exit_code, uint64_t info1, uint64_t info2)
{
	memset(ghcb + OFF_VALID, 0, 16);
	ghcb_put(OFF_EXIT_CODE, exit_code);
	ghcb_put(OFF_EXIT_INFO1, info1);
	ghcb_put(OFF_EXIT_INFO2, info2);
	memcpy(ghcb + OFF_VERSION, &(uint16_t){ (uint16_t)version }, 2);
	memset(ghcb + OFF_USAGE, 0, 4);
}

void sev_ghcb_vmgexit(void)
{
	wrmsr(MSR_SEV_GHCB, (uint64_t)(uintptr_t)ghcb); /* identity-mapped: VA = GPA */
	vmgexit();
}

/* The hypervisor's verdict in SW_EXITINFO1: 0 done, 1 an exception for the guest to
 * raise (SW_EXITINFO2, EVENTINJ format), 2 a refused request. */
int ghcb_call(void)
{
	sev_ghcb_vmgexit();
	uint32_t result = (uint32_t)ghcb_get(OFF_EXIT_INFO1);
	if (result == 1)
		return (int)(ghcb_get(OFF_EXIT_INFO2) & 0xff);
	if (result != 0)
		sev_terminate(TERM_HV_ERROR);
	return -1;
}

void ghcb_need(unsigned off)
{
	if (!valid(off))
		sev_terminate(TERM_HV_ERROR);
}

static unsigned vc_cpuid(struct trap_frame *f)
{
	ghcb_begin(EXIT_CPUID, 0, 0);
	ghcb_put(OFF_RAX, (uint32_t)f->rax);
	ghcb_put(OFF_RCX, (uint32_t)f->rcx);
	if ((uint32_t)f->rax == 0xd)
		ghcb_put(OFF_XCR0, 1); /* x87 only: payloads do not enable XSAVE */
	ghcb_call();
	ghcb_need(OFF_RAX), ghcb_need(OFF_RBX), ghcb_need(OFF_RCX), ghcb_need(OFF_RDX);
	f->rax = (uint32_t)ghcb_get(OFF_RAX);
	f->rbx = (uint32_t)ghcb_get(OFF_RBX);
	f->rcx = (uint32_t)ghcb_get(OFF_RCX);
	f->rdx = (uint32_t)ghcb_get(OFF_RDX);
	return 2;
}

/* IN/OUT with an immediate or DX port: SW_EXITINFO1 as the IOIO intercept's EXITINFO1
 * (APM vol. 2 §15.10.2): port 31:16, size 6:4 one-hot, IN bit 0. INS/OUTS go through the
 * scratch area (sev_vc_data.c). */
static unsigned vc_ioio(struct trap_frame *f)
{
	const uint8_t *insn = (const uint8_t *)f->rip;
	unsigned prefix = insn[0] == 0x66, op = insn[prefix], len = prefix + 1, size;
	uint16_t port;
	if (insn[0] == 0xf3 || (op >= 0x6c && op <= 0x6f))
		return sev_vc_string_io(f);
	if (op >= 0xe4 && op <= 0xe7) {
		port = insn[prefix + 1];
		len++;
	} else if (op >= 0xec && op <= 0xef) {
		port = (uint16_t)f->rdx;
	} else {
		sev_terminate(TERM_BAD_INSN);
	}
	size = !(op & 1) ? 1 : prefix ? 2 : 4;
	bool is_in = !(op & 2);
	uint64_t mask = size == 4 ? 0xffffffffull : size == 2 ? 0xffff : 0xff;
	ghcb_begin(EXIT_IOIO, (uint64_t)port << 16 | (size << 4) | (is_in ? 1 : 0), 0);
	ghcb_put(OFF_RAX, f->rax & mask);
	ghcb_call();
	if (is_in) {
		ghcb_need(OFF_RAX);
		f->rax = (f->rax & ~mask) | (ghcb_get(OFF_RAX) & mask);
	}
	return len;
}

/* Raises `vector` as if the instruction had faulted: the payload's own handler (such as
 * rdmsr_safe's) decides, and moves RIP. */
static void raise_exception(struct trap_frame *f, unsigned vector)
{
	f->vector = vector;
	f->error_code = 0;
	x86_trap_dispatch(f);
}

static unsigned vc_msr(struct trap_frame *f)
{
	bool write = ((const uint8_t *)f->rip)[1] == 0x30;
	uint32_t msr = (uint32_t)f->rcx;
	/* Secure TSC (seed "x86/sev: Prevent RDTSC/RDTSCP interception", "Prevent
	 * GUEST_TSC_FREQ MSR interception"): IA32_TSC reads are answered from RDTSC and
	 * writes are ignored, never sent to the hypervisor. */
	if (msr == MSR_IA32_TSC && (status & SEV_STATUS_SECURE_TSC)) {
		if (!write) {
			uint64_t tsc = rdtsc();
			f->rax = (uint32_t)tsc;
			f->rdx = tsc >> 32;
		}
		return 2;
	}
	ghcb_begin(EXIT_MSR, write, 0);
	ghcb_put(OFF_RCX, msr);
	if (write) {
		ghcb_put(OFF_RAX, (uint32_t)f->rax);
		ghcb_put(OFF_RDX, (uint32_t)f->rdx);
	}
	int vector = ghcb_call();
	if (vector >= 0) {
		ghcb_release(); /* the payload's handler may print */
		raise_exception(f, (unsigned)vector);
		return 0;
	}
	if (!write) {
		ghcb_need(OFF_RAX), ghcb_need(OFF_RDX);
		f->rax = (uint32_t)ghcb_get(OFF_RAX);
		f->rdx = (uint32_t)ghcb_get(OFF_RDX);
	}
	return 2;
}

static unsigned vc_vmmcall(struct trap_frame *f)
{
	ghcb_begin(EXIT_VMMCALL, 0, 0);
	ghcb_put(OFF_RAX, f->rax);
	ghcb_put(OFF_RBX, f->rbx);
	ghcb_put(OFF_RCX, f->rcx);
	ghcb_put(OFF_RDX, f->rdx);
	ghcb[OFF_CPL] = (uint8_t)(f->cs & 3);
	ghcb[OFF_VALID + OFF_CPL / 64] |= (uint8_t)(1u << (OFF_CPL / 8 % 8));
	ghcb_call();
	ghcb_need(OFF_RAX);
	f->rax = ghcb_get(OFF_RAX);
	return 3;
}

static unsigned vc_rdtsc(struct trap_frame *f, unsigned code)
{
	ghcb_begin(code, 0, 0);
	ghcb_call();
	ghcb_need(OFF_RAX), ghcb_need(OFF_RDX);
	f->rax = (uint32_t)ghcb_get(OFF_RAX);
	f->rdx = (uint32_t)ghcb_get(OFF_RDX);
	if (code == EXIT_RDTSCP) {
		ghcb_need(OFF_RCX);
		f->rcx = (uint32_t)ghcb_get(OFF_RCX);
		return 3;
	}
	return 2;
}

static bool vc_handler(struct trap_frame *f)
{
	unsigned code = (unsigned)f->error_code;
	ghcb_acquire();
	if (code <= EXIT_NPF)
		vc_counts[code]++;
	unsigned len;
	switch (code) {
	case EXIT_CPUID: len = vc_cpuid(f); break;
	case EXIT_IOIO: len = vc_ioio(f); break;
	case EXIT_NPF: len = sev_vc_mmio(f); break;
	case EXIT_MSR: len = vc_msr(f); break;
	case EXIT_VMMCALL: len = vc_vmmcall(f); break;
	case EXIT_RDTSC:
	case EXIT_RDTSCP: len = vc_rdtsc(f, code); break;
	default: sev_terminate(TERM_UNKNOWN_EXIT);
	}
	f->rip += len;
	ghcb_release();
	return true;
}

void sev_ghcb_set(unsigned off, uint64_t v) { ghcb_put(off, v); }

void sev_ghcb_clear(unsigned off) { ghcb[OFF_VALID + off / 64] &= (uint8_t)~(1u << (off / 8 % 8)); }

uint64_t sev_ghcb_read(unsigned off) { return ghcb_get(off); }

bool sev_ghcb_is_valid(unsigned off) { return valid(off); }

struct sev_ghcb_answer sev_ghcb_request_regs(uint64_t exit_code, uint64_t info1, uint64_t info2,
					     const uint64_t *rax, const uint64_t *rbx)
{
	ghcb_acquire();
	ghcb_begin(exit_code, info1, info2);
	if (rax)
		ghcb_put(OFF_RAX, *rax);
	if (rbx)
		ghcb_put(OFF_RBX, *rbx);
	sev_ghcb_vmgexit();
	struct sev_ghcb_answer a = { ghcb_get(OFF_EXIT_INFO1), ghcb_get(OFF_EXIT_INFO2), ghcb_get(OFF_RBX),
				     valid(OFF_RBX) };
	ghcb_release();
	return a;
}

struct sev_ghcb_answer sev_ghcb_request_scratch(uint64_t exit_code, uint64_t info1, uint64_t info2,
						uint64_t scratch)
{
	ghcb_acquire();
	ghcb_begin(exit_code, info1, info2);
	ghcb_put(OFF_SCRATCH, scratch);
	sev_ghcb_vmgexit();
	struct sev_ghcb_answer a = { ghcb_get(OFF_EXIT_INFO1), ghcb_get(OFF_EXIT_INFO2), ghcb_get(OFF_RBX),
				     valid(OFF_RBX) };
	ghcb_release();
	return a;
}

void sev_ghcb_request(uint64_t exit_code, uint64_t info1, uint64_t info2, const uint64_t *rax,
		      uint64_t answer[2])
{
	struct sev_ghcb_answer a = sev_ghcb_request_regs(exit_code, info1, info2, rax, NULL);
	answer[0] = a.info1;
	answer[1] = a.info2;
}

/* RCX[0] selects the page size: 0 4 KiB, 1 2 MiB. */
static uint64_t pvalidate(uint64_t va, uint64_t size_2m, bool validate, bool *unchanged)
{
	uint64_t rax = va;
	uint8_t cf;
	__asm__ volatile(".byte 0xf2, 0x0f, 0x01, 0xff; setc %1"
			 : "+a"(rax), "=qm"(cf) : "c"(size_2m), "d"((uint64_t)validate) : "memory", "cc");
	*unchanged = cf;
	return rax;
}

uint64_t sev_pvalidate(uint64_t va, bool validate, bool *unchanged)
{
	return pvalidate(va, 0, validate, unchanged);
}

uint64_t sev_pvalidate_2m(uint64_t va, bool validate, bool *unchanged)
{
	return pvalidate(va, 1, validate, unchanged);
}

static uint64_t rmpadjust(uint64_t va, uint64_t size_2m, uint64_t attrs)
{
	uint64_t rax = va;
	__asm__ volatile(".byte 0xf3, 0x0f, 0x01, 0xfe" : "+a"(rax) : "c"(size_2m), "d"(attrs) : "memory", "cc");
	return rax;
}

uint64_t sev_rmpadjust(uint64_t va, uint64_t attrs) { return rmpadjust(va, 0, attrs); }
uint64_t sev_rmpadjust_2m(uint64_t va, uint64_t attrs) { return rmpadjust(va, 1, attrs); }


bool sev_make_private(uint64_t gpa)
{
	uint64_t r = msr_protocol(MSR_PSC_REQ | MSR_PSC_PRIVATE << 52 | (gpa >> 12) << 12);
	return MSR_INFO(r) == MSR_PSC_RESP && (r >> 32) == 0 && sev_map_cbit(gpa, true);
}

/* SNP: a page-state change to shared first (the RMP), then the mapping without the C-bit.
 * The launch validated every page, so no PVALIDATE is needed first (the guest gives up the
 * page's contents). */
bool sev_make_shared(uint64_t gpa)
{
	if (status & SEV_STATUS_SNP) {
		uint64_t r = msr_protocol(MSR_PSC_REQ | MSR_PSC_SHARED << 52 | (gpa >> 12) << 12);
		if (MSR_INFO(r) != MSR_PSC_RESP || (r >> 32) != 0)
			return false;
	}
	return sev_map_unencrypted(gpa);
}

/* SNP: the GHCB page becomes shared (page-state change) and is registered (GHCB GPA
 * registration), both over the MSR protocol, before its first use. */
static void snp_share_and_register(uint64_t gfn)
{
	if (!sev_make_shared(gfn << 12))
		sev_terminate(TERM_NO_GHCB);
	uint64_t r = msr_protocol(MSR_REGISTER_REQ | gfn << 12);
	if (MSR_INFO(r) != MSR_REGISTER_RESP || (r >> 12) != gfn)
		sev_terminate(TERM_NO_GHCB);
}

void sev_guest_ap_init(void)
{
	if (status & SEV_STATUS_SNP) {
		uint64_t gfn = (uint64_t)(uintptr_t)ghcb >> 12;
		uint64_t r = msr_protocol(MSR_REGISTER_REQ | gfn << 12);
		if (MSR_INFO(r) != MSR_REGISTER_RESP || (r >> 12) != gfn)
			sev_terminate(TERM_NO_GHCB);
	}
}

void sev_guest_init(void)
{
	uint64_t v;
	/* SEV_STATUS is not intercepted on an SEV guest; elsewhere it may not exist (#GP). */
	status = rdmsr_safe(MSR_SEV_STATUS, &v) ? v : 0;
	if (!sev_es_guest())
		return;
	trap_install(X86_VC, vc_handler);
	uint64_t info = msr_protocol(MSR_SEV_INFO_REQ);
	if (MSR_INFO(info) != MSR_SEV_INFO_RESP)
		sev_terminate(TERM_NO_GHCB);
	unsigned max = (unsigned)(info >> 48) & 0xffff;
	version = max < 2 ? max : 2;
	if (status & SEV_STATUS_SNP)
		snp_share_and_register((uint64_t)(uintptr_t)ghcb >> 12);
	else if (!sev_map_unencrypted((uint64_t)(uintptr_t)ghcb))
		sev_terminate(TERM_NO_GHCB);
}

enum sev_payload_type sev_es_payload_start(int argc, char **argv)
{
	const char *type = tv_arg(argc, argv, "type");
	if (!type || (strcmp(type, "snp") && strcmp(type, "es")))
		report_abort("type=snp|es missing");
	if (!on_testvisor() || !sev_es_guest()) {
		report_skip("not an SEV-ES or SEV-SNP guest: no #VC and no GHCB to talk to");
		return SEV_PAYLOAD_NONE;
	}
	return strcmp(type, "snp") ? SEV_PAYLOAD_ES : SEV_PAYLOAD_SNP;
}
