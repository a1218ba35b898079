/* z/Architecture instructions for s390x payloads: thin inline wrappers, so that a test
 * reads like the Principles of Operation. */
#ifndef GUEST_S390_H
#define GUEST_S390_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <s390_arch.h>
#include <tv_diag.h>

static inline int servc(uint32_t cmd, void *sccb)
{
	int cc;
	asm volatile(".insn rre,0xb2200000,%1,%2\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc) : "d"((uint64_t)cmd), "a"(sccb) : "cc", "memory");
	return cc;
}

static inline uint64_t stidp(void)
{
	uint64_t id;
	asm volatile("stidp %0" : "=Q"(id));
	return id;
}

static inline uint64_t stckf(void)
{
	uint64_t t;
	asm volatile("stckf %0" : "=Q"(t) : : "cc");
	return t;
}

static inline uint32_t stfl(void)
{
	asm volatile(".insn s,0xb2b10000,0" : : : "memory");
	return LC32(LC_STFL_FAC_LIST);
}

static inline uint32_t stpx(void)
{
	uint32_t p;
	asm volatile("stpx %0" : "=Q"(p));
	return p;
}

static inline void spx(uint32_t p)
{
	asm volatile("spx %0" : : "Q"(p) : "memory");
}

static inline uint16_t stap(void)
{
	uint16_t a;
	asm volatile("stap %0" : "=Q"(a));
	return a;
}

/* Control registers: the register number must be a constant. */
#define stctg(cr) ({ uint64_t __v; asm volatile("stctg " #cr "," #cr ",%0" : "=S"(__v)); __v; })
#define lctlg(cr, v) ({ uint64_t __v = (v); asm volatile("lctlg " #cr "," #cr ",%0" : : "S"(__v) : "memory"); })

static inline void sckc(uint64_t v) { asm volatile("sckc %0" : : "Q"(v)); }
static inline uint64_t stckc(void)
{
	uint64_t v;
	asm volatile("stckc %0" : "=Q"(v));
	return v;
}
static inline void spt(int64_t v) { asm volatile("spt %0" : : "Q"(v)); }
static inline int64_t stpt(void)
{
	int64_t v;
	asm volatile("stpt %0" : "=Q"(v));
	return v;
}

/* System mask (PSW bits 0-7) */
#define STNSM(m) ({ uint8_t __o; asm volatile("stnsm %0," #m : "=Q"(__o) : : "memory"); __o; })
#define STOSM(m) ({ uint8_t __o; asm volatile("stosm %0," #m : "=Q"(__o) : : "memory"); __o; })
static inline void ssm(uint8_t m) { asm volatile("ssm %0" : : "Q"(m) : "memory"); }
#define SYSMASK_IO  0x02
#define SYSMASK_EXT 0x01
#define SYSMASK_MCHK 0x04  /* not in the system mask: machine check is PSW bit 13 */

static inline void load_psw(const struct psw *p)
{
	asm volatile("lpswe %0" : : "Q"(*p) : "memory");
}

static inline uint64_t extract_psw_mask(void)
{
	uint32_t hi, lo;
	asm volatile("epsw %0,%1" : "=d"(hi), "=d"(lo));
	return (uint64_t)hi << 32 | lo;
}

/* SIGP: returns the condition code; *status gets the status word for cc 1. */
static inline int sigp(uint16_t cpu, uint8_t order, uint64_t param, uint32_t *status)
{
	register uint64_t st asm("2") = 0;       /* R1: status */
	register uint64_t parm asm("3") = param; /* R1 + 1: parameter */
	int cc;
	asm volatile("sigp %%r2,%3,0(%4)\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(st) : "d"(parm), "d"((uint64_t)cpu), "a"((uint64_t)order)
		     : "cc", "memory");
	if (status)
		*status = (uint32_t)st;
	return cc;
}

/* DIAGNOSE with r1 = fn, r3 = arg; returns r3 afterwards. */
static inline uint64_t diag(uint16_t code, uint64_t fn, uint64_t arg)
{
	register uint64_t r1 asm("2") = fn;
	register uint64_t r3 asm("4") = arg;
	asm volatile("diag %%r2,%%r4,0(%2)" : "+d"(r1), "+d"(r3) : "a"((uint64_t)code) : "cc", "memory");
	return r3;
}
static inline uint64_t tv_diag_control(uint64_t fn, uint64_t arg) { return diag(TV_DIAG_CONTROL, fn, arg); }
/* Memory size from SCLP Read SCP Info (0 if it fails). */
uint64_t sclp_memory_size(void);
/* Whether the payload runs under testvisor (its control DIAG answers). */
bool tv_under_testvisor(void);

/* Channel-subsystem instructions: GPR 1 = subsystem id; return the condition code. */
#define CSS_INSN(name, op)                                                         \
	static inline int name(uint32_t sid, void *block)                           \
	{                                                                          \
		register uint64_t r1 asm("1") = sid;                                \
		int cc;                                                            \
		asm volatile(op " 0(%2)\n\tipm %0\n\tsrl %0,28"                      \
			     : "=d"(cc) : "d"(r1), "a"(block) : "cc", "memory");     \
		return cc;                                                         \
	}
CSS_INSN(stsch, "stsch")
CSS_INSN(msch, "msch")
CSS_INSN(ssch, "ssch")
CSS_INSN(tsch, "tsch")

static inline int tpi(void *code)
{
	int cc;
	asm volatile("tpi 0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"(code) : "cc", "memory");
	return cc;
}

static inline int stcrw(uint32_t *crw)
{
	int cc;
	asm volatile("stcrw 0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"(crw) : "cc", "memory");
	return cc;
}

/* CHSC on a 4 KiB-aligned request/response area: returns the condition code. */
static inline int chsc(void *area)
{
	int cc;
	asm volatile(".insn rre,0xb25f0000,%1,0\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc) : "a"(area) : "cc", "memory");
	return cc;
}

static inline void svc(uint8_t n)
{
	asm volatile("svc %0" : : "i"(n) : "memory");
}

#endif
