/* Broken on purpose (runner self-test): one assertion fails. */
#include <libtv.h>

int main(int argc, char **argv)
{
	report(true, "a check that holds");
	report(1 + 1 == 3, "a check broken on purpose");
	return report_summary();
}
