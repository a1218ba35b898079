/* Broken on purpose (runner self-test): prints its EXIT line but no SUMMARY line. A
 * payload that prints an EXIT line follows the report convention, which ends with a
 * SUMMARY: without one the run fails. */
#include <libtv.h>
#include <platform.h>

int main(int argc, char **argv)
{
	report_pass("the only check");
	tv_print_exit_line(0);
	platform_exit(0);
}
