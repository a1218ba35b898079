/* RISC-V privileged-architecture facts shared by testvisor and the payloads: CSR numbers
 * the assembler may not know, status/cause bits, and CSR access macros. */
#ifndef RISCV_CSR_H
#define RISCV_CSR_H

/* CSRs named by number so that any binutils assembles them. */
#define CSR_SENVCFG   0x10a
#define CSR_STIMECMP  0x14d
#define CSR_SSP       0x011
#define CSR_HENVCFG   0x60a
#define CSR_HSTATEEN0 0x60c
/* hstateen0 bit 62: VS-mode may access senvcfg (Smstateen); testvisor gives only this. */
#define HSTATEEN0_ENVCFG (1UL << 62)
#define CSR_VSTIMECMP 0x24d

#define SSTATUS_SIE   (1UL << 1)
#define SSTATUS_SPIE  (1UL << 5)
#define SSTATUS_SPP   (1UL << 8)
#define SSTATUS_FS    (3UL << 13)
#define SSTATUS_FS_INITIAL (1UL << 13)
#define SSTATUS_SUM   (1UL << 18)
#define SSTATUS_MXR   (1UL << 19)
#define SSTATUS_SPELP (1UL << 23)
#define SSTATUS_SDT   (1UL << 24)

#define HSTATUS_GVA   (1UL << 6)
#define HSTATUS_SPV   (1UL << 7)
#define HSTATUS_SPVP  (1UL << 8)
#define HSTATUS_HU    (1UL << 9)
#define HSTATUS_VTW   (1UL << 21)
#define HSTATUS_VSXL_64 (2UL << 32)

#define ENVCFG_LPE    (1UL << 2)
#define ENVCFG_SSE    (1UL << 3)
#define ENVCFG_CBIE   (3UL << 4)
#define ENVCFG_CBIE_FLUSH (1UL << 4) /* CBIE = 01: cbo.inval performs a flush */
#define ENVCFG_CBCFE  (1UL << 6)
#define ENVCFG_CBZE   (1UL << 7)
#define ENVCFG_PMM_SHIFT 32
#define ENVCFG_PMM    (3UL << ENVCFG_PMM_SHIFT)
#define ENVCFG_PMM_PMLEN7  (2UL << ENVCFG_PMM_SHIFT)
#define ENVCFG_PMM_PMLEN16 (3UL << ENVCFG_PMM_SHIFT)
#define ENVCFG_DTE    (1UL << 59)
#define ENVCFG_ADUE   (1UL << 61)
#define ENVCFG_PBMTE  (1UL << 62)
#define ENVCFG_STCE   (1UL << 63)

/* scause values */
#define CAUSE_INTERRUPT          (1UL << 63)
#define EXC_INST_MISALIGNED      0
#define EXC_INST_ACCESS          1
#define EXC_ILLEGAL_INST         2
#define EXC_BREAKPOINT           3
#define EXC_LOAD_MISALIGNED      4
#define EXC_LOAD_ACCESS          5
#define EXC_STORE_MISALIGNED     6
#define EXC_STORE_ACCESS         7
#define EXC_ECALL_U              8
#define EXC_ECALL_S              9
#define EXC_ECALL_VS             10
#define EXC_INST_PAGE_FAULT      12
#define EXC_LOAD_PAGE_FAULT      13
#define EXC_STORE_PAGE_FAULT     15
#define EXC_DOUBLE_TRAP          16
#define EXC_SOFTWARE_CHECK       18
#define EXC_INST_GUEST_PAGE_FAULT  20
#define EXC_LOAD_GUEST_PAGE_FAULT  21
#define EXC_VIRTUAL_INST           22
#define EXC_STORE_GUEST_PAGE_FAULT 23
#define EXC_COUNT                  24

#define IRQ_S_SOFT   1
#define IRQ_VS_SOFT  2
#define IRQ_S_TIMER  5
#define IRQ_VS_TIMER 6
#define IRQ_S_EXT    9
#define IRQ_VS_EXT   10
#define IRQ_COUNT    16

#define SATP_MODE_SV39   (8UL << 60)
#define HGATP_MODE_SV39X4 (8UL << 60)
#define HGATP_VMID_SHIFT 44

/* Page-table entry bits (both stages). */
#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_PPN_SHIFT 10

#ifndef __ASSEMBLY__
#define __csr_str(x) #x
#define csr_str(x) __csr_str(x)
#define csr_read(csr) ({ unsigned long __v; \
	__asm__ volatile("csrr %0, " csr_str(csr) : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrw " csr_str(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_set(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrs " csr_str(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_clear(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrc " csr_str(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_swap(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrrw %0, " csr_str(csr) ", %1" : "=r"(__v) : "rK"(__v) : "memory"); __v; })
#endif

#endif
