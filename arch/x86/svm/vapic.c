/* The local APIC's side that touches vCPUs: fixed interrupts into a vCPU's IRR (IPIs, the
 * timer, the I/O APIC), their injection through EVENTINJ when the guest can take them,
 * an interrupt window (V_IRQ with the VINTR intercept) when it cannot yet, and the wake-up
 * of a halted vCPU. The register logic is in x2apic.c, apic_irq.c, apic_timer.c. */
#include <hv/vm.h>
#include <cpu.h>
#include <x86/host.h>
#include <x86/ioapic.h>
#include <x86/pit.h>
#include <x86/pic8259.h>
#include <x86/sev.h>
#include <x86/svm.h>

/* VMCB V_INTR fields (APM vol. 2 §15.21.4, appendix B offset 0x60). */
#define V_TPR_MASK 0xFull
#define V_IRQ (1ull << 8)
#define V_INTR_PRIO_MAX (0xFull << 16)
#define V_IGN_TPR (1ull << 20)

/* The timer's clock: the host TSC in nanoseconds (the TSC was calibrated against the
 * PIT; uncalibrated, it is taken as 1 GHz). */
uint64_t vapic_now_ns(void)
{
	uint64_t hz = x86_tsc_hz();
	return hz ? (uint64_t)((unsigned __int128)rdtsc() * 1000000000u / hz) : rdtsc();
}

static void window_close(struct vmcb *v)
{
	v->control.vintr &= ~(V_IRQ | V_INTR_PRIO_MAX | V_IGN_TPR);
	v->control.intercept_misc1 &= ~INTERCEPT1_VINTR;
}

/* A virtual interrupt the guest takes as soon as its IF is set and no shadow is left;
 * taking it exits (VINTR), and the real interrupt is injected then (APM §15.21.4). */
static void window_open(struct vmcb *v)
{
	v->control.vintr |= V_IRQ | V_INTR_PRIO_MAX | V_IGN_TPR;
	v->control.intercept_misc1 |= INTERCEPT1_VINTR;
}

/* CR8 is TPR[7:4] (SDM §10.8.6.1): a MOV to CR8 sets TPR[7:4] and clears TPR[3:0]; bits
 * 63:4 set are a #GP. Its writes exit (intercepted, as KVM does when the TPR holds back
 * an interrupt) so that a lowered TPR delivers at once; its reads see V_TPR, which each
 * entry sets from TPR (APM §15.21.1). An SEV-ES guest's CR8 is not intercepted (the
 * hypervisor cannot intercept its CR accesses: KVM sev_es_init_vmcb): its writes land in
 * V_TPR, read back after each exit (vapic_exit). */
bool vapic_cr8_write(struct vcpu *vcpu, uint64_t val)
{
	if (val >> 4)
		return false;
	vcpu->arch.apic.tpr = (uint32_t)val << 4;
	return true;
}

/* NMIs (SDM vol. 3 §6.7.1): one is delivered whatever RFLAGS.IF says, and further NMIs
 * are held until the handler's IRET has completed. The IRET is intercepted; it exits
 * before it runs, so NMIs are unblocked at the first entry after that with RIP moved on,
 * as KVM does (arch/x86/kvm/svm/svm.c, awaiting IRET completion). */
static void nmi_prepare(struct vcpu *vcpu, struct vmcb *v)
{
	struct arch_vcpu *c = &vcpu->arch;
	bool sev = sev_active(&vcpu->vm->arch.sev);
	if (c->nmi_iret && v->save.rip != c->nmi_iret_rip)
		c->nmi_blocked = c->nmi_iret = false;
	if (c->apic.nmi_pending && sev_vcpu_injection(vcpu) == SEV_INJECT_HV_ONLY) {
		/* Restricted Injection: through the doorbell; the guest's clearing of its NMI
		 * bit takes the place of NMI complete (an assumption: hv_doorbell_nmi=hold). */
		if (!sev_switch_on(vcpu->vm->arch.sev.switches, SEV_SW_DOORBELL_NMI_HOLD) &&
		    sev_doorbell_post(vcpu, -1))
			c->apic.nmi_pending = false;
		return;
	}
	if (!c->apic.nmi_pending || c->nmi_blocked || (v->control.event_inj & EVENT_VALID) ||
	    (v->control.interrupt_shadow & INTERRUPT_SHADOW) ||
	    (sev && sev_vcpu_injection(vcpu) != SEV_INJECT_VMCB))
		return;
	c->apic.nmi_pending = false;
	c->nmi_blocked = true;
	/* An SEV-ES guest's IRET would be a #VC and its RIP is sealed: its handler ends with
	 * the GHCB's NMI complete instead (vapic_nmi_complete). */
	if (!sev)
		v->control.intercept_misc1 |= INTERCEPT1_IRET;
	v->control.event_inj = EVENT_VALID | EVENT_TYPE_NMI | X86_NMI;
}

void vapic_nmi_complete(struct vcpu *vcpu)
{
	vcpu->arch.nmi_blocked = false;
}

void vapic_nmi_iret(struct vcpu *vcpu)
{
	struct vmcb *v = vcpu->arch.vmcb;
	v->control.intercept_misc1 &= ~INTERCEPT1_IRET;
	vcpu->arch.nmi_iret = true;
	vcpu->arch.nmi_iret_rip = v->save.rip;
}

/* An SEV-ES guest's RFLAGS is in its VMSA: the CPU shows only IF, as the VMCB's
 * GUEST_INTERRUPT_MASK (KVM svm_interrupt_blocked; sev/sev_es_cpu.c models it). */
bool svm_guest_if(const struct vcpu *vcpu)
{
	const struct vmcb *v = vcpu->arch.vmcb;
	if (sev_active(&vcpu->vm->arch.sev))
		return v->control.interrupt_shadow & GUEST_INTERRUPT_MASK;
	return v->save.rflags & RFLAGS_IF;
}

void vapic_exit(struct vcpu *vcpu)
{
	struct vmcb *v = vcpu->arch.vmcb;
	if (!(v->control.intercept_cr & INTERCEPT_CR8_WRITE))
		vcpu->arch.apic.tpr = apic_tpr_from_v_tpr(vcpu->arch.apic.tpr, v->control.vintr & V_TPR_MASK);
}

/* A pending interrupt that wakes a halted vCPU: an SEV-SNP guest with Restricted
 * Injection takes it through its #HV doorbell, once it registered one and took the last
 * (sev/sev_doorbell.c); with Alternate Injection none comes from the hypervisor
 * (sev/sev_inject.c). */
static int injectable_irq(struct vcpu *vcpu)
{
	switch (sev_vcpu_injection(vcpu)) {
	case SEV_INJECT_VMCB:
		return x2apic_next_irq(&vcpu->arch.apic);
	case SEV_INJECT_HV_ONLY:
		return sev_doorbell_free(vcpu) ? x2apic_next_irq(&vcpu->arch.apic) : -1;
	default:
		return -1;
	}
}

/* The PIT's channel 0 drives ISA IRQ 0 (x86/pit.h): each rise of its output is an edge
 * into the I/O APIC (pin 2), polled where the local APIC timer is. */
static void pit_poll(struct vm *vm, uint64_t now_ns)
{
	if (pit_irq_poll(&vm->arch.pit, now_ns)) {
		vapic_irq_line(vm, 0, true);
		vapic_irq_line(vm, 0, false);
	}
}

void vapic_prepare_entry(struct vcpu *vcpu)
{
	struct x2apic *a = &vcpu->arch.apic;
	struct vmcb *v = vcpu->arch.vmcb;
	uint64_t now = vapic_now_ns(); /* one reading for the PIT and the APIC timer */
	pit_poll(vcpu->vm, now);
	nmi_prepare(vcpu, v);
	v->control.vintr = (v->control.vintr & ~V_TPR_MASK) | (a->tpr >> 4);
	x2apic_timer_poll(a, now);
	enum sev_injection mode = sev_vcpu_injection(vcpu);
	int vec = mode == SEV_INJECT_GUEST_OWNED ? -1 : x2apic_next_irq(a);
	if (vec < 0 || mode == SEV_INJECT_HV_ONLY) {
		/* Restricted Injection has no interrupt window (V_IRQ is forbidden): the vector
		 * is posted to the doorbell when the guest can take #HV (one read of it). */
		window_close(v);
		if (vec >= 0 && sev_doorbell_post(vcpu, vec))
			apic_irq_accept(&a->irr, &a->isr, (uint8_t)vec);
		return;
	}
	if ((v->control.event_inj & EVENT_VALID) || !svm_guest_if(vcpu) ||
	    (v->control.interrupt_shadow & INTERRUPT_SHADOW)) {
		window_open(v);
		return;
	}
	window_close(v);
	apic_irq_accept(&a->irr, &a->isr, (uint8_t)vec); /* the CPU accepts it at this entry */
	v->control.event_inj = EVENT_VALID | EVENT_TYPE_INTR | (uint64_t)vec;
}

uint64_t vapic_timer_due_ns(struct vcpu *vcpu)
{
	uint64_t next = apic_timer_next_ns(&vcpu->arch.apic.timer), now = vapic_now_ns();
	uint64_t pit = pit_irq_next_ns(&vcpu->vm->arch.pit);
	if (pit < next)
		next = pit;
	return next == UINT64_MAX ? UINT64_MAX : next > now ? next - now : 0;
}

bool vapic_wake(struct vcpu *vcpu)
{
	uint64_t now = vapic_now_ns();
	pit_poll(vcpu->vm, now);
	x2apic_timer_poll(&vcpu->arch.apic, now);
	return injectable_irq(vcpu) >= 0 ||
	       (vcpu->arch.apic.nmi_pending && !vcpu->arch.nmi_blocked);
}

void vapic_send_fixed(struct vcpu *from, const struct ipi *ipi)
{
	struct vm *vm = from->vm;
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		if (!ipi_targets_apic(ipi, from->id, i, &vm->vcpus[i].arch.apic))
			continue;
		if (ipi->kind == IPI_NMI)
			vm->vcpus[i].arch.apic.nmi_pending = true; /* the vector is ignored */
		else
			x2apic_accept(&vm->vcpus[i].arch.apic, ipi->vector);
		if (i != from->id)
			from->arch.yield = true; /* let the target see it soon */
	}
}

/* An I/O APIC message (x86/ioapic.h) to the local APICs: fixed and lowest priority to a
 * physical destination (the vCPU number; 0xFF: all) or a logical one (each APIC's LDR
 * and DFR decide, apic_logical_match: Linux's flat xAPIC mode programs the I/O APIC so,
 * arch/x86/kernel/apic/apic_flat_64.c). Other delivery modes are not modelled. */
static void deliver_msg(struct vm *vm, const struct ioapic_msg *m)
{
	if (m->mode > 1) {
		vm_fail(vm, "I/O APIC message with delivery mode %u is not modelled (fixed and "
			"lowest priority are)", m->mode);
		return;
	}
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		if (m->logical ? apic_logical_match(&vm->vcpus[i].arch.apic, i, m->dest) :
		    m->dest == i || m->dest == 0xFF) {
			x2apic_accept(&vm->vcpus[i].arch.apic, m->vector);
			if (m->mode == 1)
				break; /* lowest priority: one CPU (**assumption**: the first) */
		}
}

/* Devices' interrupt lines are ISA IRQs (the UART's is 4): through the I/O APIC. */
void vapic_irq_line(struct vm *vm, unsigned irq, bool level)
{
	struct ioapic_msg m;
	if (ioapic_set_line(&vm->arch.ioapic, ioapic_isa_gsi(irq), level, &m))
		deliver_msg(vm, &m);
}

static bool ioapic_dev_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	return ioapic_read(&dev->vm->arch.ioapic, off, size, val);
}

static bool ioapic_dev_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct ioapic *io = &dev->vm->arch.ioapic;
	return ioapic_write(io, off, size, val);
}

const struct device_ops ioapic_ops = { .read = ioapic_dev_read, .write = ioapic_dev_write };

/* The PIT's ports 0x40-0x43 and port 0x61, one byte at a time (a wider access takes the
 * first port's byte, **assumption**: nothing uses one). */
static bool pit_dev_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct pit *p = &dev->vm->arch.pit;
	*val = dev->desc.base == PIT_PORT_B ? pit_port_b_read(p, vapic_now_ns()) :
					      pit_read(p, (unsigned)off, vapic_now_ns());
	return true;
}

static bool pit_dev_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct pit *p = &dev->vm->arch.pit;
	if (dev->desc.base == PIT_PORT_B)
		pit_port_b_write(p, (uint8_t)val, vapic_now_ns());
	else
		pit_write(p, (unsigned)off, (uint8_t)val, vapic_now_ns());
	return true;
}

const struct device_ops pit_ops = { .read = pit_dev_read, .write = pit_dev_write };

static struct pic8259 *pic_of(struct device *dev)
{
	return &dev->vm->arch.pic[dev->desc.base == PIC_MASTER_PORT ? 0 : 1];
}

static bool pic_dev_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	*val = pic8259_read(pic_of(dev), (unsigned)off);
	return true;
}

static bool pic_dev_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	pic8259_write(pic_of(dev), (unsigned)off, (uint8_t)val);
	return true;
}

const struct device_ops pic8259_ops = { .read = pic_dev_read, .write = pic_dev_write };
