/* The PC's 8254 programmable interval timer as QEMU's PC machines have it (hw/timer/
 * i8254.c, i8254_common.c) and the PIT side of port 0x61 (hw/audio/pcspk.c): ports
 * 0x40-0x42 the counters, 0x43 the control word, 1193182 Hz input, channel 0's output on
 * ISA IRQ 0, channel 2's gate and output in port 0x61 (bits 0 and 5). Linux uses it to
 * calibrate the TSC (channel 2, arch/x86/kernel/tsc.c pit_calibrate_tsc, quick_pit_
 * calibrate) and as its global clock event when the TSC-deadline timer is absent
 * (channel 0, drivers/clocksource/i8253.c: mode 2 periodic, mode 0 one-shot).
 * Modelled from the Intel 8254 datasheet (231164-005): control word (SC 7:6, RW 5:4,
 * mode 3:1, BCD 0), counter latch (RW 00), read-back (SC 11, bits 5 COUNT and 4 STATUS
 * active low, 3:1 the channels), status byte (OUT 7, null count 6, RW/mode/BCD 5:0), LSB/
 * MSB access with its flip-flop, a count of 0 meaning 65536; modes 0-5 as QEMU counts them
 * from the time the count was written (pit_get_count, pit_get_out): 0 and 4 count down
 * and wrap, 2 reloads each period (OUT low for the last tick), 3 counts by 2 (OUT high for
 * the first half). The gate, as in QEMU, restarts modes 1, 2, 3 and 5 on a rising edge and
 * is otherwise ignored. BCD counting is not modelled (**assumption**: counts as binary;
 * Linux never sets it). Port 0x61 bit 4 (refresh) toggles at each read, as pcspk.c's
 * dummy_refresh_clock. Reset state: channel 0 in mode 2 with 65536 (how SeaBIOS leaves it:
 * src/hw/timer.c timer_setup), channels 1 and 2 in mode 3 with 65536 (QEMU's reset),
 * channel 2's gate low. Pure logic, host-tested (test_x86_pit). */
#ifndef X86_PIT_H
#define X86_PIT_H

#include <stdbool.h>
#include <stdint.h>

#define PIT_HZ 1193182u
#define PIT_PORT_BASE 0x40u
#define PIT_PORT_B 0x61u

struct pit_channel {
	uint32_t count;          /* the reload value, 1..65536 */
	uint64_t load_ns;        /* when it was written */
	uint8_t mode, rw, bcd;
	bool write_msb;          /* RW 11: the next write is the MSB */
	bool read_msb;           /* RW 11: the next read is the MSB */
	uint8_t write_lsb;       /* the LSB waiting for its MSB */
	bool latched, latch_msb; /* a latched count and which byte is next */
	uint16_t latch;
	bool status_latched;
	uint8_t status;
	bool null_count;         /* written, not yet loaded (datasheet: until the next clock) */
	bool gate;
	uint64_t irqs;           /* rising edges of OUT already signalled (channel 0) */
};

struct pit {
	struct pit_channel ch[3];
	bool speaker_data;       /* port 0x61 bit 1 */
	bool refresh;            /* port 0x61 bit 4 */
};

void pit_reset(struct pit *p);
/* Ports 0x40-0x43 (off 0-3), one byte, at `now_ns`. */
uint8_t pit_read(struct pit *p, unsigned off, uint64_t now_ns);
void pit_write(struct pit *p, unsigned off, uint8_t val, uint64_t now_ns);
/* Port 0x61. */
uint8_t pit_port_b_read(struct pit *p, uint64_t now_ns);
void pit_port_b_write(struct pit *p, uint8_t val, uint64_t now_ns);
/* Channel 0's next rising edge of OUT not yet signalled (UINT64_MAX: none coming). */
uint64_t pit_irq_next_ns(const struct pit *p);
/* Whether OUT of channel 0 rose since the last call (one interrupt however many). */
bool pit_irq_poll(struct pit *p, uint64_t now_ns);

#endif
