/* Broken on purpose (runner self-test): never ends; the runner's timeout must stop it. */
#include <libtv.h>

int main(int argc, char **argv)
{
	report_pass("about to loop forever");
	for (volatile unsigned long i = 0;; i++)
		;
	return report_summary();
}
