/* QEMU's fw_cfg as an x86 test kernel reads it (QEMU docs/specs/fw_cfg.rst, port
 * interface: 16-bit selector write to 0x510, byte reads of data from 0x511): the
 * signature, the ID's traditional-interface bit, the CPU count, the RAM size, and a key
 * that names nothing. Arguments: cpus=<n> (default 1), ram_mb=<n>, what the machine was
 * given (the manifest passes QEMU's -m standalone and the guest's mem= as a guest). */
#include <libtv.h>
#include <stdlib.h>
#include <cpu.h>

#define FW_CFG_PORT_SEL 0x510
#define FW_CFG_PORT_DATA 0x511

static uint64_t read_item(uint16_t key, unsigned len)
{
	outw(FW_CFG_PORT_SEL, key);
	uint64_t v = 0;
	for (unsigned i = 0; i < len; i++)
		v |= (uint64_t)inb(FW_CFG_PORT_DATA) << (8 * i);
	return v;
}

int main(int argc, char **argv)
{
	const char *ram = tv_arg(argc, argv, "ram_mb"), *cpus = tv_arg(argc, argv, "cpus");
	if (!ram)
		report_abort("ram_mb=<n> missing");
	uint64_t sig = read_item(0x0000, 4);
	report(sig == 0x554d4551, "signature is \"QEMU\" (read %#llx)", (unsigned long long)sig);
	report(read_item(0x0001, 4) & 1, "ID: traditional interface (bit 0)");
	uint64_t n = read_item(0x0005, 2);
	report(n == (uint64_t)(cpus ? atoi(cpus) : 1), "NB_CPUS is the CPU count the machine was given");
	uint64_t bytes = read_item(0x0003, 8);
	report(bytes == (uint64_t)atoi(ram) << 20, "RAM_SIZE is the RAM the machine was given");
	report_info("NB_CPUS %llu, RAM_SIZE %llu MiB", (unsigned long long)n,
		    (unsigned long long)(bytes >> 20));
	report(read_item(0x7ff0, 4) == 0, "an item that does not exist reads 0");
	/* Past an item's end: 0. */
	outw(FW_CFG_PORT_SEL, 0x0000);
	for (int i = 0; i < 4; i++)
		inb(FW_CFG_PORT_DATA);
	report(inb(FW_CFG_PORT_DATA) == 0, "reading past the signature gives 0");
	return report_summary();
}
