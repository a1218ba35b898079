/* The guest's GICv3: distributor and redistributor register files emulated at QEMU virt's
 * addresses (MMIO through the core's device dispatch), the CPU interface in hardware
 * (ICV_* through ICH_*_EL2), and the virtual timer's interrupt (PPI 27) injected through
 * a list register linked to the physical interrupt. SPIs 32..63 (GICD_TYPER.ITLinesNumber 1)
 * are modelled for the emulated devices' lines (the PL011: SPI 1, INTID 33, as on virt):
 * vgic_spi.c. */
#ifndef ARM64_VGIC_H
#define ARM64_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#define VGIC_GICD_SIZE 0x10000ull
#define VGIC_GICR_STRIDE 0x20000ull /* RD_base + SGI_base frames per vCPU */
#define VGIC_MAX_LRS 16
/* The EL1 timers whose physical PPIs are forwarded to the running guest with the list
 * register's hardware link: the virtual timer (CNTV_*, INTID 27) and the physical timer
 * (CNTP_*, INTID 30), both owned by the guest and switched per vCPU. */
#define VGIC_INTID_VTIMER 27
#define VGIC_INTID_PTIMER 30
#define VGIC_FORWARDED_PPIS ((1u << VGIC_INTID_VTIMER) | (1u << VGIC_INTID_PTIMER))

#define VGIC_NR_SPIS 32
#define VGIC_SPI_BASE 32

/* The distributor's SPI state, bit n for INTID 32 + n. A level-sensitive SPI is pending
 * while its device line is high; an edge-triggered one from a rising edge (or a
 * GICD_ISPENDR write) until a list register takes it. */
struct vgic_spi {
	uint32_t enabled, group, level, latched;
	uint32_t edge;               /* ICFGR: 1 = edge-triggered */
	uint8_t priority[VGIC_NR_SPIS];
	uint64_t route[VGIC_NR_SPIS]; /* IROUTER: Aff3.Aff2.Aff1.Aff0, IRM bit 31 */
};

struct vgic_dist {
	uint32_t ctlr;
	struct vgic_spi spi;
};

struct vgic_cpu {
	uint32_t waker;
	uint32_t group;      /* IGROUPR0: 1 = group 1 */
	uint32_t enabled;    /* ISENABLER0 */
	uint32_t cfg[2];     /* ICFGR0/1 */
	uint8_t priority[32];
	uint32_t pending_off; /* pending, but not takeable yet (disabled): not in an LR */
	uint64_t vmcr;       /* ICH_VMCR_EL2 while not loaded */
	uint64_t lr[VGIC_MAX_LRS];
};

struct vm;
struct vcpu;
struct device_ops;
extern const struct device_ops vgic_gicd_ops, vgic_gicr_ops;

/* Registers the VM's distributor and redistributors (vgic_mmio.c). */
int vgic_init(struct vm *vm);
/* Whether the guest has enabled PPI/SGI `intid` (group 1) on this vCPU. */
bool vgic_wants_intid(const struct vcpu *vcpu, unsigned intid);

/* The running vCPUs (bit per index) an ICC_SGI1R_EL1 value written by `src` names, and
 * the SGI number. */
uint32_t vgic_sgi_targets(const struct vcpu *src, uint64_t icc_sgir, bool group1_request,
			  unsigned *intid);

/* A vCPU's list registers: live when it is loaded, its saved copy otherwise (vgic.c). */
unsigned vgic_nr_lrs(void);
uint64_t vgic_lr_get(struct vcpu *v, unsigned i);
void vgic_lr_set(struct vcpu *v, unsigned i, uint64_t lr);
/* Deactivates a physical PPI forwarded with a hardware link (gic.c). */
void gic_ppi_deactivate(unsigned intid);

/* Pending and active state of SGIs/PPIs, bit per INTID (vgic_state.c). vgic_queue makes
 * `intid` pending in a list register (`hw`: linked to the physical PPI of that number);
 * false when every list register is busy. */
bool vgic_queue(struct vcpu *v, unsigned intid, bool hw);
uint32_t vgic_pending(struct vcpu *v);
uint32_t vgic_active(struct vcpu *v);
void vgic_set_pending(struct vcpu *v, uint32_t mask);
void vgic_clear_pending(struct vcpu *v, uint32_t mask);
void vgic_set_active(struct vcpu *v, uint32_t mask);
void vgic_clear_active(struct vcpu *v, uint32_t mask);
void vgic_enables_changed(struct vcpu *v);

/* SPIs (vgic_spi.c). The distributor's SPI registers: true when `off` is one of them. */
bool vgic_spi_mmio(struct vm *vm, uint64_t off, unsigned size, uint64_t *val, bool write);
/* A device's interrupt line to SPI `intid` (32..63). */
void vgic_spi_line(struct vm *vm, unsigned intid, bool level);
/* The vCPU an SPI goes to: IROUTER's affinity, or vCPU 0 for IRM (1 of N). */
unsigned vgic_spi_target(const struct vm *vm, unsigned intid);
/* Brings `v`'s list registers in line with the SPIs routed to it, before it runs: a
 * pending SPI it can take gets a list register, a level one whose line dropped before it
 * was acknowledged loses its pending state, one still high after its handler started is
 * pending again. */
void vgic_spi_sync(struct vcpu *v);

#endif
