/* Ends through the platform's exit device with code=<n> (default 0) and prints neither a
 * SUMMARY nor an EXIT line, as a third-party kernel may. Where the device carries the
 * status (isa-debug-exit, virt test finisher) the status alone decides, as QEMU's exit
 * code would be read; where it carries none (PSCI SYSTEM_OFF, a disabled wait) the run
 * must fail for want of an EXIT line (runner self-test, tests/broken/broken.cfg). */
#include <libtv.h>
#include <platform.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	const char *code = tv_arg(argc, argv, "code");
	report_pass("ends through the exit device with code %s", code ? code : "0");
	platform_exit(code ? atoi(code) : 0);
}
