/* A guest that asks the PC to reset itself, over and over: the reset control register
 * (port 0xCF9, value 6: full reset), the keyboard controller's pulse-reset command (port
 * 0x64, 0xFE) and the fast reset of port 0x92 (bit 0). On QEMU each one reboots the
 * machine, which starts the payload again, forever. testvisor decodes none of these ports
 * (writes to them are ignored), so the guest loops until its time budget stops it. Guest
 * mode only (expect=stopped stop_reason=budget). */
#include <libtv.h>
#include <cpu.h>

int main(int argc, char **argv)
{
	report_pass("about to reset in a loop");
	for (;;) {
		outb(0xcf9, 0x06);
		outb(0x64, 0xfe);
		outb(0x92, inb(0x92) | 1);
	}
	return report_summary();
}
