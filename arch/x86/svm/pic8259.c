/* The 8259A's registers (see x86/pic8259.h). */
#include <x86/pic8259.h>

#define ICW1 0x10u
#define ICW1_IC4 0x01u
#define ICW1_SNGL 0x02u
#define OCW3 0x08u
#define OCW3_RR 0x02u
#define OCW3_RIS 0x01u

void pic8259_reset(struct pic8259 *p, bool master)
{
	*p = (struct pic8259){ .imr = master ? 0xFB : 0xFF };
}

uint8_t pic8259_read(const struct pic8259 *p, unsigned off)
{
	return off ? p->imr : 0; /* IRR and ISR: nothing requested, nothing in service */
}

void pic8259_write(struct pic8259 *p, unsigned off, uint8_t val)
{
	if (!off) {
		if (val & ICW1) {
			/* ICW1 clears the mask and starts the sequence (datasheet). */
			*p = (struct pic8259){ .init_step = 1, .single = val & ICW1_SNGL,
					       .icw4 = val & ICW1_IC4 };
		} else if ((val & OCW3) && (val & OCW3_RR)) {
			p->read_isr = val & OCW3_RIS;
		}
		return; /* OCW2: EOIs and rotations change nothing here */
	}
	switch (p->init_step) {
	case 0: p->imr = val; return;        /* OCW1 */
	case 1:                              /* ICW2: vector base */
		p->vector_base = val & 0xF8;
		p->init_step = p->single ? (p->icw4 ? 3 : 0) : 2;
		return;
	case 2: p->init_step = p->icw4 ? 3 : 0; return; /* ICW3: cascade wiring */
	default: p->init_step = 0; return;   /* ICW4: mode */
	}
}
