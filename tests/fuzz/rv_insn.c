/* Fuzz target: riscv64 memory-instruction decoding (arch/riscv/insn.c) and the two exits
 * that emulate the guest's instruction: misaligned accesses (misaligned.c) and MMIO
 * guest-page faults (mmio.c). The instruction, htinst and the faulting address are all the
 * guest's doing. Input: instruction (4 bytes), htinst (8), stval (8), htval (8), a flags
 * byte, then the guest's registers and memory (a 256-byte window; the rest faults).
 * Checks beyond the sanitizers: a decoded instruction is 1/2/4/8 bytes wide, 2 or 4 long
 * as its encoding says, with registers below 32; the transformed form of a decoded 32-bit
 * instruction (rs1 cleared, as htinst gives it) decodes the same; an emulated access
 * either completes (pc moves on by its length) or gives the guest one exception, and
 * never touches memory outside the access. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hv/vm.h>
#include <rv_insn.h>
#include <rv_virt.h>
#include <riscv_csr.h>
#include "fuzz_input.h"

#define MEM_BASE 0x80000000ull
#define MEM_SIZE 256

static uint8_t mem[MEM_SIZE];
static uint32_t insn_at_pc;
static bool fetch_faults, fp_off, mmio_claimed;
static unsigned injections;
static bool mem_allowed;   /* misaligned emulation: guest memory at the faulting address */
static uint64_t access_lo; /* ... and the 8 bytes from there */

bool rv_fetch_insn(struct vcpu *v, uint32_t *insn)
{
	*insn = insn_at_pc;
	return !fetch_faults;
}

void rv_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval)
{
	if (cause >= EXC_COUNT)
		abort();
	injections++;
}

static bool guest_bytes(uint64_t gva, unsigned len, uint64_t cause, struct rv_guest_fault *f,
			uint8_t **p)
{
	if (!mem_allowed || len > 8 || gva < access_lo || gva - access_lo > 8 - len)
		abort(); /* outside the access the instruction makes */
	for (unsigned i = 0; i < len; i++) {
		if (gva + i < MEM_BASE || gva + i >= MEM_BASE + MEM_SIZE) {
			*f = (struct rv_guest_fault){ cause, gva + i };
			return false;
		}
	}
	*p = mem + (gva - MEM_BASE);
	return true;
}

bool rv_guest_read(struct vcpu *v, uint64_t gva, void *dst, unsigned len, struct rv_guest_fault *f)
{
	uint8_t *p;
	if (!guest_bytes(gva, len, EXC_LOAD_PAGE_FAULT, f, &p))
		return false;
	memcpy(dst, p, len);
	return true;
}

bool rv_guest_write(struct vcpu *v, uint64_t gva, const void *src, unsigned len, struct rv_guest_fault *f)
{
	uint8_t *p;
	if (!guest_bytes(gva, len, EXC_STORE_GUEST_PAGE_FAULT, f, &p))
		return false;
	memcpy(p, src, len);
	return true;
}

uint64_t *rv_guest_fp_regs(struct vcpu *v) { return fp_off ? NULL : v->arch.fp.f; }
void rv_guest_fp_written(struct vcpu *v) { if (fp_off) abort(); }

bool vm_mmio_access(struct vcpu *v, ipaddr_t addr, unsigned size, bool write, uint64_t *val)
{
	if (size != 1 && size != 2 && size != 4 && size != 8)
		abort();
	if (!write)
		*val = 0x8badf00ddeadbeefull; /* wider than the access: must be cut */
	return mmio_claimed;
}

static void check_decoded(uint32_t insn, const struct rv_mem_insn *mi)
{
	if ((mi->size != 1 && mi->size != 2 && mi->size != 4 && mi->size != 8) || mi->rd > 31 ||
	    mi->rs2 > 31 || mi->len != ((insn & 3) == 3 ? 4u : 2u) || mi->kind > RV_MEM_SC)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vm vm;
	if (size < 29)
		return 0;
	uint32_t insn;
	memcpy(&insn, data, 4);
	uint64_t htinst = fuzz_u64(data + 4), stval = fuzz_u64(data + 12), htval = fuzz_u64(data + 20);
	uint8_t flags = data[28];
	struct rv_mem_insn mi, t;
	if (rv_decode_mem(insn, &mi)) {
		check_decoded(insn, &mi);
		if ((insn & 3) == 3) {
			if (!rv_decode_transformed(insn & ~(0x1fu << 15), &t) || t.kind != mi.kind ||
			    t.size != mi.size || t.rd != mi.rd || t.rs2 != mi.rs2 || t.fp != mi.fp ||
			    t.len != 4 || t.sign_extend != mi.sign_extend)
				abort();
		}
		rv_load_result(&mi, htval);
		if (mi.kind == RV_MEM_AMO && rv_amo_apply(mi.amo, mi.size, stval, htval) >> 1 >> (8 * mi.size - 1))
			abort(); /* the stored value fits the access */
	}
	if (rv_decode_transformed(htinst, &t) && (t.size > 8 || t.rd > 31 || t.rs2 > 31))
		abort();

	memset(&vm, 0, sizeof(vm));
	struct vcpu *v = &vm.vcpus[0];
	v->vm = &vm;
	vm.nr_vcpus = 1;
	vm.state = VM_RUNNING;
	v->state = VCPU_RUNNABLE;
	const uint8_t *rest = data + 29;
	size_t nrest = size - 29;
	memset(mem, 0, sizeof(mem));
	memcpy(mem, rest, nrest < MEM_SIZE ? nrest : MEM_SIZE);
	for (unsigned r = 1; r < 32; r++) /* registers from the same bytes, shifted */
		v->arch.sw.guest.x[r] = nrest ? (uint64_t)rest[r % nrest] * 0x0101010101010101ull : r;
	uint64_t pc = MEM_BASE + 0x40;
	v->arch.sw.guest.pc = pc;
	insn_at_pc = insn;
	fetch_faults = flags & 1;
	fp_off = flags & 2;
	mmio_claimed = flags & 4;
	v->arch.lr_reserved = flags & 8;
	v->arch.lr_addr = stval;
	injections = 0;
	struct rv_exit *e = &v->arch.sw.exit;
	e->stval = flags & 0x10 ? MEM_BASE + (stval & 0xff) : stval;
	e->htval = htval;
	e->htinst = flags & 0x20 ? htinst : 0;
	enum exit_action a;
	if (flags & 0x40) {
		static const uint64_t causes[] = { EXC_LOAD_MISALIGNED, EXC_STORE_MISALIGNED };
		e->scause = causes[flags >> 7];
		mem_allowed = true;
		access_lo = e->stval;
		a = rv_handle_misaligned(v);
	} else {
		static const uint64_t causes[] = { EXC_LOAD_GUEST_PAGE_FAULT, EXC_STORE_GUEST_PAGE_FAULT };
		e->scause = causes[flags >> 7];
		mem_allowed = false; /* MMIO goes to the device, never to guest memory */
		a = rv_handle_guest_page_fault(v);
	}
	if (a != EXIT_RESUME || injections > 1 || v->arch.sw.guest.x[0] != 0)
		abort();
	uint64_t moved = v->arch.sw.guest.pc - pc;
	if (injections ? moved != 0 : moved != 2 && moved != 4)
		abort();
	return 0;
}
