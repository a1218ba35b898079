/* wild (s390x, under testvisor): a guest that destroys its own program new PSW and then
 * stores beyond its memory. The addressing exception then has nowhere to go; testvisor
 * must stop the guest and report it (manifest: expect=stopped), and carry on with the
 * next guest. On bare QEMU this would loop on program interruptions forever. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "s390.h"

int main(int argc, char **argv)
{
	uint64_t mem = sclp_memory_size();
	printf("INFO: wild: clearing the program new PSW, then storing at 0x%lx\n",
	       (unsigned long)(mem + 0x100000));
	memset((void *)&lowcore[LC_PGM_NEW_PSW], 0, 16);
	*(volatile uint64_t *)(uintptr_t)(mem + 0x100000) = 0xdead;
	printf("FAIL: wild: the store beyond memory did not fault\n");
	return 1;
}
