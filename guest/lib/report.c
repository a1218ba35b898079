/* Report API: one line per check, counted; a summary and an exit status at the end. */
#include <libtv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX_MAX 160

static char prefix[PREFIX_MAX];
static unsigned n_pass, n_fail, n_skip, n_kfail;

void report_prefix_push(const char *p)
{
	size_t len = strlen(prefix);
	snprintf(prefix + len, sizeof(prefix) - len, "%s: ", p);
}

void report_prefix_pushf(const char *fmt, ...)
{
	char buf[PREFIX_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	report_prefix_push(buf);
}

void report_prefix_pop(void)
{
	/* Remove the last "xxx: " element; ": " inside an element is not expected. */
	size_t len = strlen(prefix);
	if (len < 2)
		return;
	len -= 2;
	while (len > 0 && !(prefix[len - 1] == ' ' && len >= 2 && prefix[len - 2] == ':'))
		len--;
	prefix[len] = '\0';
}

static void vreport_line(const char *tag, const char *fmt, va_list ap)
{
	char msg[256];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	printf("%s: %s%s\n", tag, prefix, msg);
	fflush(stdout);
}

#define DEFINE_REPORT(fn, tag, counter)            \
	void fn(const char *fmt, ...)               \
	{                                           \
		va_list ap;                         \
		va_start(ap, fmt);                  \
		vreport_line(tag, fmt, ap);         \
		va_end(ap);                         \
		counter;                            \
	}
DEFINE_REPORT(report_pass, "PASS", n_pass++)
DEFINE_REPORT(report_fail, "FAIL", n_fail++)
DEFINE_REPORT(report_skip, "SKIP", n_skip++)
DEFINE_REPORT(report_info, "INFO", (void)0)

bool report(bool cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport_line(cond ? "PASS" : "FAIL", fmt, ap);
	va_end(ap);
	if (cond)
		n_pass++;
	else
		n_fail++;
	return cond;
}

bool report_kfail(bool known, bool cond, const char *fmt, ...)
{
	const char *tag = cond ? "PASS" : known ? "KFAIL" : "FAIL";
	va_list ap;
	va_start(ap, fmt);
	vreport_line(tag, fmt, ap);
	va_end(ap);
	if (cond)
		n_pass++;
	else if (known)
		n_kfail++;
	else
		n_fail++;
	return cond;
}

int report_summary(void)
{
	unsigned total = n_pass + n_fail + n_skip + n_kfail;
	printf("SUMMARY: %u tests, %u unexpected failures, %u skipped", total, n_fail, n_skip);
	if (n_kfail)
		printf(", %u known failures", n_kfail);
	printf("\n");
	fflush(stdout);
	if (n_fail)
		return 1;
	if (n_skip && !n_pass && !n_kfail)
		return 77;
	return 0;
}

noreturn void report_abort(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport_line("FAIL", fmt, ap);
	va_end(ap);
	n_fail++;
	exit(report_summary());
}

unsigned report_count_pass(void) { return n_pass; }
unsigned report_count_fail(void) { return n_fail; }
unsigned report_count_skip(void) { return n_skip; }
unsigned report_count_kfail(void) { return n_kfail; }
