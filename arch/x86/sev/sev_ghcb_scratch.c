/* VMGEXIT events whose data travel through the scratch area (SW_SCRATCH): MMIO reads and
 * writes, string port I/O and the SNP page-state change. The data are read from and
 * written to the scratch area only, never to the guest's registers (sealed while
 * testvisor runs, sev_es_cpu.c). Where the scratch area may be is x86/ghcb_page.h
 * (ghcb_scratch_check); docs/x86-sev.md "GHCB protocol and #VC" gives each rule's source. */
#include <hv/vm.h>
#include <string.h>
#include <x86/sev.h>
#include <x86/sev_nae.h>
#include <x86/sev_policy.h>
#include <x86/snp_psc.h>

#define IOIO_PORT_SHIFT 16
#define IOIO_SIZE_SHIFT 4
#define STRING_IO_COUNT_MAX 0x7fffffffull /* KVM sev_es_string_io: SW_EXITINFO2 > INT_MAX */

static bool refuse(struct nae *n, enum ghcb_error reason)
{
	ghcb_fields_error(&n->out, reason);
	return true;
}

/* SNP: outside the GHCB the scratch area must be shared pages (the hypervisor cannot
 * read private ones; an assumption, snp_scratch_private=allow drops it). */
static bool shared_range(const struct nae *n, uint64_t gpa, uint64_t len)
{
	const struct sev_vm *s = &n->vcpu->vm->arch.sev;
	if (s->type != SEV_GUEST_SNP || sev_switch_on(s->switches, SEV_SW_SCRATCH_PRIVATE_ALLOW))
		return true;
	for (uint64_t p = gpa & ~0xfffull; p < gpa + len; p += 0x1000)
		if (!sev_page_shared(s, p))
			return false;
	return true;
}

/* The scratch area of `len` bytes; false with the refusal answered. */
static bool scratch_area(struct nae *n, uint64_t len, struct ghcb_scratch *sc)
{
	enum ghcb_error e = ghcb_scratch_check(nae_in(n, GHCB_F_SCRATCH), len, n->ghcb_gpa, sc);
	if (e == GHCB_OK && !sc->in_ghcb && !shared_range(n, sc->gpa, len))
		e = GHCB_ERR_INVALID_SCRATCH_AREA;
	if (e != GHCB_OK)
		refuse(n, e);
	return e == GHCB_OK;
}

static bool scratch_copy(struct nae *n, const struct ghcb_scratch *sc, uint64_t at, void *buf,
			 unsigned len, bool to_guest)
{
	if (sc->in_ghcb) {
		uint8_t *p = n->page + sc->offset + at;
		memcpy(to_guest ? p : buf, to_guest ? buf : p, len);
		return true;
	}
	ipaddr_t ipa = ipa_init(sc->gpa + at);
	return to_guest ? vm_write(n->vcpu->vm, ipa, buf, len) : vm_read(n->vcpu->vm, ipa, buf, len);
}

/* The next piece of a GHCB MMIO access of `left` bytes the devices are given: the whole
 * access when it is 1, 2, 4 or 8 bytes; under ghcb_mmio_length=split up to 8 bytes of any
 * length (KVM vcpu_mmio_read/write: min(len, 8) at a time). 0: refused (the default's
 * assumption). */
static unsigned mmio_piece(uint64_t left, bool split)
{
	if (split && left)
		return left > 8 ? 8 : (unsigned)left;
	return left == 1 || left == 2 || left == 4 || left == 8 ? (unsigned)left : 0;
}

/* SW_EXITINFO1 the MMIO GPA, SW_EXITINFO2 the byte count, the data in the scratch area
 * (GHCB specification "MMIO Access"; KVM kvm_sev_es_mmio_read/write). An access no device
 * takes stops the guest, or under ghcb_mmio_unassigned=ignore reads 0 and writes nothing
 * (QEMU's unassigned memory). */
bool nae_mmio(struct nae *n)
{
	struct vm *vm = n->vcpu->vm;
	uint32_t sw = vm->arch.sev.switches;
	bool write = nae_in(n, GHCB_F_EXIT_CODE) == GHCB_NAE_MMIO_WRITE;
	uint64_t gpa = nae_in(n, GHCB_F_EXIT_INFO1), len = nae_in(n, GHCB_F_EXIT_INFO2);
	struct ghcb_scratch sc;
	if (!scratch_area(n, len, &sc))
		return true;
	bool split = sev_switch_on(sw, SEV_SW_MMIO_SPLIT);
	if (!mmio_piece(len, split))
		return refuse(n, GHCB_ERR_INVALID_INPUT);
	for (uint64_t at = 0, piece; at < len && vm_running(vm); at += piece) {
		piece = mmio_piece(len - at, split);
		uint64_t val = 0;
		if (write && !scratch_copy(n, &sc, at, &val, (unsigned)piece, false))
			return refuse(n, GHCB_ERR_INVALID_SCRATCH_AREA);
		if (!vm_mmio_access(n->vcpu, ipa_init(gpa + at), (unsigned)piece, write, &val)) {
			if (!sev_switch_on(sw, SEV_SW_MMIO_UNASSIGNED_IGNORE)) {
				vm_fail(vm, "GHCB MMIO %s of %lu bytes at %#lx: no device there, or the "
					"device refused it", write ? "write" : "read", (unsigned long)piece,
					(unsigned long)(gpa + at));
				return false;
			}
			val = 0;
		}
		if (!write && !scratch_copy(n, &sc, at, &val, (unsigned)piece, true))
			return refuse(n, GHCB_ERR_INVALID_SCRATCH_AREA);
	}
	return vm_running(vm);
}

/* IOIO with the string bit: SW_EXITINFO1 as the IOIO intercept's EXITINFO1, SW_EXITINFO2
 * the repeat count, the data of every repetition back to back in the scratch area (GHCB
 * specification "IOIO"; KVM sev_es_string_io). */
bool nae_string_io(struct nae *n)
{
	struct vm *vm = n->vcpu->vm;
	uint64_t info = nae_in(n, GHCB_F_EXIT_INFO1), count = nae_in(n, GHCB_F_EXIT_INFO2);
	uint16_t port = (uint16_t)(info >> IOIO_PORT_SHIFT);
	unsigned size = (info >> IOIO_SIZE_SHIFT) & 7;
	bool in = info & GHCB_IOIO_IN;
	if (size != 1 && size != 2 && size != 4)
		return refuse(n, GHCB_ERR_INVALID_INPUT);
	if (count > STRING_IO_COUNT_MAX) {
		vm_fail(vm, "GHCB string I/O on port %#x with %#lx repetitions (KVM refuses more than "
			"INT_MAX)", port, (unsigned long)count);
		return false;
	}
	struct ghcb_scratch sc;
	if (!scratch_area(n, count * size, &sc))
		return true;
	for (uint64_t i = 0; i < count && vm_running(vm); i++) {
		uint64_t val = 0;
		if (in) {
			if (!vm_pio_access(n->vcpu, port, size, false, &val))
				val = ~0ull; /* floats high, as for IN */
		} else if (!scratch_copy(n, &sc, i * size, &val, size, false)) {
			return refuse(n, GHCB_ERR_INVALID_SCRATCH_AREA);
		} else {
			vm_pio_access(n->vcpu, port, size, true, &val);
		}
		if (in && !scratch_copy(n, &sc, i * size, &val, size, true))
			return refuse(n, GHCB_ERR_INVALID_SCRATCH_AREA);
	}
	return vm_running(vm);
}

/* SNP page-state change through the GHCB page (GHCB specification "SNP Page State
 * Change"; KVM snp_begin_psc): the descriptor at SW_SCRATCH in the GHCB's shared buffer,
 * each page changed as the MSR protocol's request changes it; SW_EXITINFO2 the result.
 * Under snp_psc_descriptor=shared a descriptor in another shared page is taken too (as
 * KVM reads one), at most a GHCB buffer's worth and not past its page. */
bool nae_psc(struct nae *n)
{
	struct vcpu *vcpu = n->vcpu;
	if (vcpu->vm->arch.sev.type != SEV_GUEST_SNP)
		return nae_refuse_snp_only(n);
	struct ghcb_scratch sc;
	if (!scratch_area(n, SNP_PSC_HDR_SIZE, &sc))
		return true;
	if (sc.in_ghcb) {
		n->out.value[GHCB_F_EXIT_INFO2] = snp_psc_run(n->page + sc.offset,
							      GHCB_SHARED_BUFFER_END - sc.offset,
							      sev_page_state, vcpu);
		return vm_running(vcpu->vm);
	}
	if (!sev_switch_on(vcpu->vm->arch.sev.switches, SEV_SW_PSC_ANY_SHARED))
		return refuse(n, GHCB_ERR_INVALID_SCRATCH_AREA);
	static uint8_t desc[SNP_PSC_HDR_SIZE + SNP_PSC_MAX_ENTRIES * SNP_PSC_ENTRY_SIZE];
	uint64_t to_page_end = 0x1000 - (sc.gpa & 0xfff);
	size_t len = to_page_end < sizeof(desc) ? (size_t)to_page_end : sizeof(desc);
	if (!scratch_area(n, len, &sc))
		return true;
	if (!scratch_copy(n, &sc, 0, desc, (unsigned)len, false))
		return refuse(n, GHCB_ERR_INVALID_SCRATCH_AREA);
	n->out.value[GHCB_F_EXIT_INFO2] = snp_psc_run(desc, len, sev_page_state, vcpu);
	/* the header's progress goes back to the guest's copy */
	if (!scratch_copy(n, &sc, 0, desc, (unsigned)len, true))
		return refuse(n, GHCB_ERR_INVALID_SCRATCH_AREA);
	return vm_running(vcpu->vm);
}
