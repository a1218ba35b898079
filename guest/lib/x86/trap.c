/* Payload IDT and trap dispatch. */
#include <libtv.h>
#include <stdio.h>
#include <cpu.h>
#include <idt.h>
#include "trap.h"

static struct idt_gate idt[256] __attribute__((aligned(16)));
static trap_handler_t handlers[256];
static struct {
	int vector;
	unsigned len;
	bool seen;
	unsigned long error_code;
} expect = { -1, 0, false, 0 };

void x86_trap_init(void) { idt_load(idt); }

void trap_install(unsigned vector, trap_handler_t h)
{
	if (vector < 256)
		handlers[vector] = h;
}

static bool expected_trap(struct trap_frame *f)
{
	if ((int)f->vector != expect.vector)
		return false;
	expect.seen = true;
	expect.error_code = f->error_code;
	f->rip += expect.len;
	return true;
}

void trap_expect(unsigned vector, unsigned len)
{
	expect.vector = (int)vector;
	expect.len = len;
	expect.seen = false;
	trap_install(vector, expected_trap);
}

bool trap_expected_seen(void)
{
	bool seen = expect.seen;
	if (expect.vector >= 0)
		trap_install((unsigned)expect.vector, NULL);
	expect.vector = -1;
	expect.seen = false;
	return seen;
}

unsigned long trap_last_error_code(void) { return expect.error_code; }

void x86_trap_dispatch(struct trap_frame *f)
{
	trap_handler_t h = handlers[f->vector & 0xFF];
	if (h && h(f))
		return;
	printf("INFO: unexpected trap %s (vector %lu) error code %#lx\n",
	       x86_vector_name((unsigned)f->vector), f->vector, f->error_code);
	printf("INFO: RIP %016lx CS %04lx RFLAGS %016lx RSP %016lx CR2 %016lx\n",
	       f->rip, f->cs, f->rflags, f->rsp, read_cr2());
	printf("INFO: RAX %016lx RBX %016lx RCX %016lx RDX %016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
	printf("INFO: RSI %016lx RDI %016lx RBP %016lx R8 %016lx\n", f->rsi, f->rdi, f->rbp, f->r8);
	report_abort("unexpected trap %s at %#lx", x86_vector_name((unsigned)f->vector), f->rip);
}
