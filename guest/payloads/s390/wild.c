/* wild (s390x, under testvisor): a guest whose program interruptions have nowhere to go.
 * mode=zero clears its program new PSW, mode=loop points it beyond memory (the handler's
 * own fetch then faults, forever); then it stores beyond its memory. testvisor must stop
 * the guest and say why (manifest: expect=stopped), and carry on with the next guest.
 * On bare QEMU either would spin on program interruptions forever. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "s390.h"

int main(int argc, char **argv)
{
	uint64_t mem = sclp_memory_size();
	const char *mode = tv_arg(argc, argv, "mode");
	bool loop = mode && !strcmp(mode, "loop");
	printf("INFO: wild: %s the program new PSW, then storing at 0x%lx\n",
	       loop ? "pointing beyond memory" : "clearing", (unsigned long)(mem + 0x100000));
	uint64_t psw[2] = { loop ? PSW_MASK_64 : 0, loop ? mem + 0x200000 : 0 };
	memcpy((void *)&lowcore[LC_PGM_NEW_PSW], psw, 16);
	*(volatile uint64_t *)(uintptr_t)(mem + 0x100000) = 0xdead;
	printf("FAIL: wild: the store beyond memory did not fault\n");
	return 1;
}
