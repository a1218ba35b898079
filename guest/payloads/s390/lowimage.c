/* lowimage (s390x): a guest image with a loadable segment at absolute 0, as an IPL-able
 * image has: its IPL PSW (absolute 0-7), IPL CCWs (8-0x17) and restart new PSW (0x1a0).
 * That area is the guest's own lowcore in the guest's absolute space; QEMU's ELF loader
 * loads it (hw/s390x/ipl.c loads every PT_LOAD segment), so testvisor must too rather
 * than refuse the image. The payload checks that the bytes arrived, then takes a
 * restart interruption through the restart PSW its image brought. Layouts from the
 * Principles of Operation, ch. 3 "Assigned Storage Locations" and ch. 4 "Program-Status
 * Word" / "Restart Interruption". */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "s390.h"

/* A short-format (ESA/390) IPL PSW: bit 12 one, 31-bit addressing (bit 32), address
 * 0x10000 (the image's entry), as list-directed IPL records hold it. */
#define IPL_PSW 0x0008000080010000ULL
#define RESTART_NEW_PSW_MASK 0x0000000180000000ULL /* EA + BA: 64-bit addressing */

void restart_landing(void); /* below, in assembly */

struct image_lowcore {
	uint64_t ipl_psw;          /* 0x000 */
	uint64_t ipl_ccw[2];       /* 0x008 */
	uint8_t unused[0x1a0 - 0x18];
	uint64_t restart_new_psw[2]; /* 0x1a0 */
};

static const struct image_lowcore image_lowcore __attribute__((section(".lowcore"), used)) = {
	.ipl_psw = IPL_PSW,
	.ipl_ccw = { 0x0200000060000018ULL, 0x0800000000000000ULL },
	.restart_new_psw = { RESTART_NEW_PSW_MASK, (uint64_t)(uintptr_t)restart_landing },
};

volatile int restarted;

/* The restart interruption arrives here with the image's restart PSW: count it and go
 * back to where SIGP RESTART was issued (the restart old PSW at 0x120), every register
 * and the condition code as they were. */
asm(".text\n"
    "restart_landing:\n"
    "\tstg %r1,0x200\n"
    "\tlarl %r1,restarted\n"
    "\tasi 0(%r1),1\n"
    "\tlg %r1,0x200\n"
    "\tlpswe 0x120\n");

int main(int argc, char **argv)
{
	report_prefix_push("lowimage");
	const volatile uint8_t *lc = lowcore;
	uint64_t ipl_psw, ccw1, restart_mask, restart_addr;
	memcpy(&ipl_psw, (const void *)&lc[0], 8);
	memcpy(&ccw1, (const void *)&lc[8], 8);
	memcpy(&restart_mask, (const void *)&lc[0x1a0], 8);
	memcpy(&restart_addr, (const void *)&lc[0x1a8], 8);
	report(ipl_psw == IPL_PSW, "IPL PSW from the image at absolute 0 (%016lx)", (unsigned long)ipl_psw);
	report(ccw1 == 0x0200000060000018ULL, "IPL CCW1 from the image at 8 (%016lx)", (unsigned long)ccw1);
	report(restart_mask == RESTART_NEW_PSW_MASK && restart_addr == (uint64_t)(uintptr_t)restart_landing,
	       "restart new PSW from the image at 0x1a0 (%016lx %016lx)", (unsigned long)restart_mask,
	       (unsigned long)restart_addr);
	/* SIGP RESTART to this CPU: the restart interruption uses the image's new PSW. */
	uint16_t me;
	asm volatile("stap %0" : "=Q"(me));
	int cc = sigp(me, SIGP_RESTART, 0, NULL);
	report(cc == 0 && restarted == 1, "SIGP RESTART to itself went through the image's restart PSW (cc %d, %d restarts)",
	       cc, restarted);
	report_prefix_pop();
	return report_summary();
}
