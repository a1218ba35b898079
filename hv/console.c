/* newlib hooks for the hypervisor: console output to the architecture's console, a
 * fixed heap in BSS (usable before the page allocator exists), exit ends the machine. */
#include <hv/arch_if.h>
#include <tv_console.h>

#define HV_HEAP_SIZE (256 * 1024)

static char hv_heap[HV_HEAP_SIZE] __attribute__((aligned(16)));

void tv_console_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			arch_console_putc('\r');
		arch_console_putc(buf[i]);
	}
}

void tv_heap_bounds(char **start, char **end)
{
	*start = hv_heap;
	*end = hv_heap + HV_HEAP_SIZE;
}

noreturn void tv_exit(int status) { arch_machine_exit(status); }
