/* Broken on purpose (runner self-test): takes a trap nobody expects. */
#include <libtv.h>

int main(int argc, char **argv)
{
	report_pass("about to trap");
	__builtin_trap();
	report_fail("still running after an unexpected trap");
	return report_summary();
}
