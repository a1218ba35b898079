/* The step log of trace= (hv/trace_log.c), shared by x86_64, s390x and arm64: the first N
 * printed, the last N kept in a ring and printed for a failed guest as a section the
 * verdict names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <hv/hv.h>
#include <hv/trace_log.h>
#include <hv/vm.h>

#define POOL_PAGES 16
static uint8_t *pool;
static struct vm vm;
static char out[8192];
static int saved_stdout = -1;
static FILE *capture;

static int setup(void **state)
{
	pool = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	struct mem_range r = { pa_from_ptr(pool), POOL_PAGES * PAGE_SIZE };
	hv_alloc_init(&r, 1);
	memset(&vm, 0, sizeof(vm));
	vm.nr_vcpus = 1;
	vm.vcpus[0].vm = &vm;
	return 0;
}

static int teardown(void **state)
{
	trace_log_free(&vm);
	free(pool);
	return 0;
}

static void configure(const char *spec, enum trace_insn_form form)
{
	char err[200];
	assert_int_equal(vm_config_parse(&vm.cfg, spec, err, sizeof(err)), 0);
	assert_true(trace_log_configure(&vm, "pc", form));
}

static void capture_start(void)
{
	fflush(stdout);
	saved_stdout = dup(1);
	capture = tmpfile();
	dup2(fileno(capture), 1);
}

static const char *capture_end(void)
{
	fflush(stdout);
	dup2(saved_stdout, 1);
	close(saved_stdout);
	rewind(capture);
	size_t n = fread(out, 1, sizeof(out) - 1, capture);
	out[n] = '\0';
	fclose(capture);
	return out;
}

static void record_pcs(uint64_t from, uint64_t to)
{
	for (uint64_t pc = from; pc <= to; pc++) {
		struct trace_entry e = { .pc = pc, .bytes = { 0x1f, 0x20, 0x03, 0xd5 }, .len = 4 };
		trace_log_record(&vm.vcpus[0], &e);
	}
}

static void test_ring_slot(void **state)
{
	/* 8 slots, next free 3: the oldest of 8 is slot 3, the newest slot 2. */
	assert_int_equal(trace_ring_slot(3, 8, 8, 0), 3);
	assert_int_equal(trace_ring_slot(3, 8, 8, 7), 2);
	/* Only 5 recorded so far (next 5): they are slots 0..4. */
	assert_int_equal(trace_ring_slot(5, 8, 5, 0), 0);
	assert_int_equal(trace_ring_slot(5, 8, 5, 4), 4);
}

/* trace=last:4 after 10 instructions keeps the 7th to the 10th, oldest first. */
static void test_ring_keeps_the_last(void **state)
{
	configure("name=g trace=last:4", TRACE_INSN_BYTES);
	record_pcs(1, 10);
	struct trace_log *t = &vm.vcpus[0].trace;
	assert_int_equal(t->steps, 10);
	assert_true(trace_log_recording(t));
	for (uint32_t k = 0; k < 4; k++)
		assert_int_equal(t->ring[trace_ring_slot(t->ring_next, 4, 4, k)].pc, 7 + k);
}

/* trace=3: three lines printed as they happen, then nothing more is recorded. */
static void test_print_first_n(void **state)
{
	configure("name=g trace=3", TRACE_INSN_WORD32);
	capture_start();
	record_pcs(0x100, 0x104);
	const char *s = capture_end();
	assert_int_equal(vm.vcpus[0].trace.steps, 3);
	assert_false(trace_log_recording(&vm.vcpus[0].trace));
	assert_non_null(strstr(s, "testvisor: g trace 1: pc 0000000000000100 insn d503201f\n"));
	assert_non_null(strstr(s, "testvisor: g trace 3: pc 0000000000000102 insn d503201f\n"));
	assert_null(strstr(s, "trace 4:"));
	assert_null(vm.vcpus[0].trace.ring);
}

/* A failed guest: a section headed with the guest's name, then the instruction it was
 * stopped at, and the verdict's note names the section. */
static void test_failure_section_and_note(void **state)
{
	configure("name=gx trace=last:2", TRACE_INSN_BYTES);
	record_pcs(1, 5);
	vm.vcpus[0].trace.next = (struct trace_entry){ .pc = 6, .bytes = { 0xcc }, .len = 1 };
	vm.vcpus[0].trace.next_valid = true;
	vm.state = VM_FAILED;
	char note[120];
	capture_start();
	trace_log_report(&vm, note, sizeof(note));
	const char *s = capture_end();
	assert_string_equal(note, "trace: last 2 steps above, section 'trace gx'");
	const char *head = strstr(s, "testvisor: --- trace gx vCPU 0: the last 2 instructions before the failure ---\n");
	assert_non_null(head);
	const char *l4 = strstr(s, "testvisor: gx trace 4: pc 0000000000000004 insn 1f 20 03 d5\n");
	const char *l5 = strstr(s, "testvisor: gx trace 5: pc 0000000000000005 insn");
	const char *l6 = strstr(s, "testvisor: gx trace 6: pc 0000000000000006 insn cc\n");
	assert_true(head && l4 && l5 && l6 && head < l4 && l4 < l5 && l5 < l6);
	assert_null(strstr(s, "trace 3:"));
}

/* A guest that passed prints nothing and the verdict says nothing of the trace. */
static void test_passed_guest_prints_nothing(void **state)
{
	configure("name=g trace=last:2", TRACE_INSN_BYTES);
	record_pcs(1, 5);
	vm.state = VM_EXITED;
	vm.exit_status = 0;
	char note[120];
	capture_start();
	trace_log_report(&vm, note, sizeof(note));
	assert_string_equal(capture_end(), "");
	assert_string_equal(note, "");
	vm.exit_status = 77; /* all skipped: not a failure either */
	trace_log_report(&vm, note, sizeof(note));
	assert_string_equal(note, "");
	vm.exit_status = 1;
	assert_true(trace_guest_failed(&vm));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_slot),
		cmocka_unit_test_setup_teardown(test_ring_keeps_the_last, setup, teardown),
		cmocka_unit_test_setup_teardown(test_print_first_n, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_section_and_note, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passed_guest_prints_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
