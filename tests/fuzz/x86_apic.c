/* Fuzz target: a guest's local APIC and I/O APIC (arch/x86/svm/x2apic.c, apic_irq.c,
 * apic_timer.c, ioapic.c) and the MMIO MOV decoder (mmio_insn.c), driven by a stream of
 * operations as a guest and its devices would: x2APIC MSR reads and writes at a clock that
 * only moves forward, interrupts arriving, the CPU taking the next one, timer polls, I/O
 * APIC accesses and input lines, MOVs at an MMIO address.
 * Input: 11-byte records: op (byte 0), a (byte 1), b (bytes 2-9), dt (byte 10).
 * Checks beyond the sanitizers, from the SDM and the 82093AA:
 *  - a vector the CPU would take is in IRR, its class above PPR's, and never 0-15;
 *  - IRR and ISR never hold vectors 0-15;
 *  - the current count never exceeds the initial count;
 *  - an I/O APIC entry's delivery status and remote IRR always read 0, the version is
 *    constant, and a message only comes from an unmasked entry;
 *  - a decoded MOV has size 1, 2, 4 or 8 and a register below 16. */
#include <stdint.h>
#include <stdlib.h>
#include <x86/ioapic.h>
#include <x86/mmio_insn.h>
#include <x86/x2apic.h>
#include "fuzz_input.h"

#define REC 11

static void check_apic(const struct x2apic *a, uint64_t now)
{
	if ((a->irr.w[0] & 0xFFFF) || (a->isr.w[0] & 0xFFFF))
		abort();
	int v = x2apic_next_irq(a);
	if (v >= 0) {
		uint32_t ppr = apic_ppr(a->tpr, apic_vec_highest(&a->isr));
		if (v < 16 || !apic_vec_test(&a->irr, (uint8_t)v) || ((uint32_t)v & 0xF0) <= (ppr & 0xF0))
			abort();
	}
	if (apic_timer_current(&a->timer, now) > a->timer.initial)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct x2apic a;
	struct ioapic io;
	struct ipi ipi;
	uint64_t now = 0, val;
	x2apic_reset(&a, data && size ? data[0] & 1 : 0);
	ioapic_reset(&io);
	for (size_t off = 1; off + REC <= size; off += REC) {
		const uint8_t *r = data + off;
		uint8_t op = r[0], arg = r[1];
		uint64_t b = fuzz_u64(r + 2);
		now += (uint64_t)r[10] << (r[10] & 0x1F);
		switch (op % 9) {
		case 0: x2apic_base_write(&a, b); break;
		case 1: x2apic_msr_write(&a, 0x800 + arg, b, now, &ipi); break;
		case 2: x2apic_msr_read(&a, 1, 0x800 + arg, now, &val); break;
		case 3: x2apic_accept(&a, arg); break;
		case 4: {
			int v = x2apic_next_irq(&a);
			if (v >= 0)
				apic_irq_accept(&a.irr, &a.isr, (uint8_t)v);
			break;
		}
		case 5: x2apic_timer_poll(&a, now); break;
		case 6:
			if (arg & 1)
				ioapic_write(&io, b & 0xFF, 1u << (arg >> 1 & 3), b >> 8);
			else
				ioapic_read(&io, b & 0xFF, 1u << (arg >> 1 & 3), &val);
			break;
		case 7: {
			struct ioapic_msg m;
			unsigned pin = arg % (IOAPIC_PINS + 2);
			bool masked = pin < IOAPIC_PINS && (io.redir[pin] & IOAPIC_REDIR_MASKED);
			if (ioapic_set_line(&io, pin, b & 1, &m) && masked)
				abort();
			break;
		}
		default: {
			struct x86_insn insn;
			struct mmio_op mop;
			uint8_t bytes[X86_MAX_INSN_LEN] = { 0 };
			for (unsigned i = 0; i < 8; i++)
				bytes[i] = (uint8_t)(b >> (8 * i));
			bytes[8] = arg;
			if (x86_insn_decode(bytes, sizeof(bytes), X86_MODE_64, &insn) > 0 &&
			    mmio_insn_decode(&insn, bytes, &mop) &&
			    (mop.reg > 15 || (mop.size != 1 && mop.size != 2 && mop.size != 4 && mop.size != 8)))
				abort();
		}
		}
		check_apic(&a, now);
		for (unsigned i = 0; i < IOAPIC_PINS; i++)
			if (io.redir[i] & ((1ull << 12) | (1ull << 14)))
				abort();
		uint8_t sel = io.regsel; /* the check must not change what the guest selected */
		io.regsel = 0x01;
		if (!ioapic_read(&io, 0x10, 4, &val) || val != IOAPIC_VERSION)
			abort();
		io.regsel = sel;
	}
	return 0;
}
