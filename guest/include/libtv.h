/* The payload library: report API (in the style of kvm-unit-tests), console and exit.
 * A payload is `int main(int argc, char **argv)` that reports and returns
 * report_summary(). Every line it prints goes to the platform's standard console, so the
 * same binary runs on bare QEMU and as a guest of testvisor. */
#ifndef LIBTV_H
#define LIBTV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <stdio.h>

/* One check: PASS when cond holds, FAIL otherwise. Returns cond. */
bool report(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void report_pass(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A check that is known to fail where `known` holds: a failure then prints KFAIL and does
 * not count as unexpected; a pass prints PASS as usual. */
bool report_kfail(bool known, bool cond, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void report_prefix_push(const char *prefix);
void report_prefix_pushf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_prefix_pop(void);
/* Prints "SUMMARY: N tests, M unexpected failures, K skipped" and returns the exit
 * status: 0 when nothing failed unexpectedly, 1 otherwise, 77 when everything skipped.
 * exit(code) (or returning from main) then prints "EXIT: STATUS=<(code << 1) | 1>", as
 * kvm-unit-tests does (1 = success; an even value never comes from exit), and ends the
 * payload through the platform's exit device with `code`. */
int report_summary(void);
/* Prints the EXIT line for `code` (for payloads that end through another path, such as
 * PSCI SYSTEM_OFF or SBI SRST, which carry no status). */
void tv_print_exit_line(int code);
/* Ends the payload at once with an unexpected failure (prints FAIL, summary, exit 1). */
noreturn void report_abort(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Counters, for payloads that check their own bookkeeping. */
unsigned report_count_pass(void);
unsigned report_count_fail(void);
unsigned report_count_skip(void);
unsigned report_count_kfail(void);

/* Command line: the string the platform passed; main() receives it split into argv. */
const char *tv_cmdline(void);
/* "key=value" lookup in argv; returns the value or NULL. */
const char *tv_arg(int argc, char **argv, const char *key);

/* Deterministic pseudo-random numbers for fuzzers (xorshift64; guest/lib/random.c). */
void tv_srand(uint64_t seed);
uint64_t tv_rand(void);
/* Fuzzers: reads seed= (seeds tv_rand, printed) and count= (returned, default_count when
 * absent); then the totals tests/soak.sh adds up, "INFO: fuzz <target>: <n> calls" and
 * "INFO: fuzz <target>: exception <kind>: <n>" (printed only when n > 0). */
uint64_t tv_fuzz_args(int argc, char **argv, uint64_t default_count);
void tv_fuzz_report_calls(const char *target, uint64_t calls);
void tv_fuzz_report_exception(const char *target, const char *kind, uint64_t n);
/* The same for counts[first..end), each kind named by kind_format with its index
 * ("EC %#x", "scause %u"). */
void tv_fuzz_report_exception_counts(const char *target, const char *kind_format,
				     const uint64_t *counts, unsigned first, unsigned end);

/* The library checks every selftest payload shares (guest/lib/selftest_checks.c). */
void selftest_library_checks(int argc, char **argv);

/* The name of the platform the payload runs on, as far as it can tell ("qemu" or
 * "testvisor"); from the platform code. */
const char *tv_platform_name(void);

#endif
