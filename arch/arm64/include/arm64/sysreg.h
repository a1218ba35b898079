/* System register access and the architectural constants testvisor uses at EL2.
 * Registers newer than the assembler are named by their S<op0>_<op1>_C<n>_C<m>_<op2>
 * encoding. */
#ifndef ARM64_SYSREG_H
#define ARM64_SYSREG_H

#include <stdint.h>

/* Two levels so that register names defined as encodings below are expanded first. */
#define read_sysreg(r) read_sysreg_(r)
#define write_sysreg(r, v) write_sysreg_(r, v)
#define read_sysreg_(r) ({ uint64_t _v; __asm__ volatile("mrs %0, " #r : "=r"(_v)); _v; })
#define write_sysreg_(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((uint64_t)(v)))
#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")

/* Registers by encoding (FEAT_FGT, FEAT_HCX, RAS). */
#define HFGRTR_EL2  s3_4_c1_c1_4
#define HFGWTR_EL2  s3_4_c1_c1_5
#define HFGITR_EL2  s3_4_c1_c1_6
#define HDFGRTR_EL2 s3_4_c3_c1_4
#define HDFGWTR_EL2 s3_4_c3_c1_5
#define HAFGRTR_EL2 s3_4_c3_c1_6
#define HFGRTR2_EL2  s3_4_c3_c1_2
#define HFGWTR2_EL2  s3_4_c3_c1_3
#define HFGITR2_EL2  s3_4_c3_c1_7
#define HDFGRTR2_EL2 s3_4_c3_c1_0
#define HDFGWTR2_EL2 s3_4_c3_c1_1
#define HCRX_EL2    s3_4_c1_c2_2

/* HCR_EL2 bits. */
#define HCR_VM    (1ull << 0)
#define HCR_SWIO  (1ull << 1)
#define HCR_FMO   (1ull << 3)
#define HCR_IMO   (1ull << 4)
#define HCR_AMO   (1ull << 5)
#define HCR_FB    (1ull << 9)
#define HCR_BSU_IS (1ull << 10)
#define HCR_TWI   (1ull << 13)
#define HCR_TWE   (1ull << 14)
#define HCR_TID3  (1ull << 18)
#define HCR_TSC   (1ull << 19)
#define HCR_TACR  (1ull << 21)
#define HCR_TGE   (1ull << 27)
#define HCR_RW    (1ull << 31)
#define HCR_TERR  (1ull << 36)
#define HCR_TEA   (1ull << 37)
#define HCR_APK   (1ull << 40)
#define HCR_API   (1ull << 41)
#define HCR_FIEN  (1ull << 47)

/* CPTR_EL2 (E2H=0). */
#define CPTR_EL2_RES1 0x32ffull   /* bits 13:12, 9:0 */
#define CPTR_TZ   (1ull << 8)
#define CPTR_TFP  (1ull << 10)
#define CPTR_TSM  (1ull << 12)

/* ESR_ELx. */
#define ESR_EC_SHIFT 26
#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL (1ull << 25)
#define ESR_ISS(esr) ((esr) & 0x1ffffff)

#define EC_UNKNOWN   0x00
#define EC_WFX       0x01
#define EC_FP        0x07
#define EC_SVC64     0x15
#define EC_HVC64     0x16
#define EC_SMC64     0x17
#define EC_SYS64     0x18
#define EC_SVE       0x19
#define EC_IABT_LOW  0x20
#define EC_IABT_CUR  0x21
#define EC_PC_ALIGN  0x22
#define EC_DABT_LOW  0x24
#define EC_DABT_CUR  0x25
#define EC_SERROR    0x2f
#define EC_BRK64     0x3c

/* SPSR modes. */
#define SPSR_EL1H 0x5
#define SPSR_DAIF (0xfull << 6)

/* The CPU's exception level (2 = EL2). */
static inline unsigned current_el(void) { return (unsigned)(read_sysreg(CurrentEL) >> 2) & 3; }

#endif
