/* Inline wrappers of the privileged z/Architecture instructions testvisor itself uses. */
#ifndef S390_CPU_H
#define S390_CPU_H

#include <stdint.h>
#include <stdnoreturn.h>
#include <s390_arch.h>

static inline uint64_t stckf(void)
{
	uint64_t t;
	asm volatile("stckf %0" : "=Q"(t) : : "cc");
	return t;
}

static inline void set_cpu_timer(int64_t v)
{
	asm volatile("spt %0" : : "Q"(v));
}

static inline uint64_t stctg(int cr)
{
	uint64_t v;
	switch (cr) {
	case 0: asm volatile("stctg 0,0,%0" : "=S"(v)); break;
	case 1: asm volatile("stctg 1,1,%0" : "=S"(v)); break;
	case 14: asm volatile("stctg 14,14,%0" : "=S"(v)); break;
	default: v = 0; break;
	}
	return v;
}

static inline void lctlg0(uint64_t v) { asm volatile("lctlg 0,0,%0" : : "S"(v)); }
static inline void lctlg1(uint64_t v) { asm volatile("lctlg 1,1,%0" : : "S"(v)); }
static inline void lctlg7(uint64_t v) { asm volatile("lctlg 7,7,%0" : : "S"(v)); }
static inline void lctlg13(uint64_t v) { asm volatile("lctlg 13,13,%0" : : "S"(v)); }

static inline void ptlb(void) { asm volatile(".insn s,0xb20d0000,0" : : : "memory"); }

/* SERVC: returns the condition code. */
static inline int servc(uint32_t cmd, uint64_t sccb)
{
	int cc;
	asm volatile(".insn rre,0xb2200000,%1,%2\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc) : "d"((uint64_t)cmd), "a"(sccb) : "cc", "memory");
	return cc;
}

static inline uint64_t stfl_word(void)
{
	asm volatile(".insn s,0xb2b10000,0" : : : "memory");
	return LC32(LC_STFL_FAC_LIST);
}

/* STFLE: facility bits 0..(64*n-1) into `list`; returns the number of doublewords. */
static inline int stfle(uint64_t *list, int n)
{
	register uint64_t r0 asm("0") = (uint64_t)(n - 1);
	asm volatile(".insn s,0xb2b00000,%0" : "=Q"(*(uint64_t(*)[n])list), "+d"(r0) : : "cc");
	return (int)r0 + 1;
}

static inline int test_facility(unsigned nr)
{
	uint64_t list[4] = { 0 };
	stfle(list, 4);
	return nr < 256 && (list[nr / 64] >> (63 - nr % 64)) & 1;
}

#endif
