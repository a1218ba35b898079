/* The guest spec's break= value parsed into a VM's break addresses; a bad value refuses
 * the guest with the reason on the console. Every architecture that offers break= calls
 * it first, then checks what it can do with the addresses. */
#include <stdio.h>
#include <hv/vm.h>
#include <break_config.h>

bool vm_break_configure(struct vm *vm, struct break_config *b)
{
	char err[120];
	if (break_config_parse(vm_config_get(&vm->cfg, "break"), b, err, sizeof(err)))
		return true;
	printf("testvisor: guest %s: %s\n", vm->cfg.name, err);
	return false;
}
