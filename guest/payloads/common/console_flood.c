/* A guest that prints without end and never ends a line: `kib=` KiB (default 4096) of
 * one character, no newline. testvisor must stop it with a one-line reason long before
 * its time budget, and keep its own console usable for the next guest. Guest mode only
 * (expect=stopped stop_reason=newline): on bare QEMU it only writes to the serial port. */
#include <libtv.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	const char *k = tv_arg(argc, argv, "kib");
	unsigned long kib = k ? strtoul(k, NULL, 0) : 4096;
	report_pass("about to print %lu KiB without a newline", kib);
	for (unsigned long i = 0; i < kib * 1024; i++)
		putchar('x');
	putchar('\n');
	report_fail("printed %lu KiB without a newline and was not stopped", kib);
	return report_summary();
}
