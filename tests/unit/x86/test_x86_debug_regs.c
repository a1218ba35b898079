/* The guest debug-register table against the manuals: VMCB save-area offsets of DR7 and
 * DR6 (AMD APM vol. 2, appendix B, table B-2: 0x560 and 0x568 of the whole VMCB), the
 * power-on values (APM 13.1.1.3/13.1.1.4, SDM 18.2.3/18.2.4: DR6 0xFFFF0FF0, DR7 0x400,
 * DR0-DR3 0) and DR0-DR3 being the ones testvisor switches (the VMCB has no slot for them). */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/debug_regs.h>

static const struct x86_debug_reg *find(const char *name)
{
	for (unsigned i = 0; i < x86_debug_reg_count; i++)
		if (!strcmp(x86_debug_regs[i].name, name))
			return &x86_debug_regs[i];
	return NULL;
}

static void test_vmcb_offsets(void **state)
{
	const struct x86_debug_reg *dr6 = find("DR6"), *dr7 = find("DR7");
	assert_non_null(dr6);
	assert_non_null(dr7);
	assert_int_equal(dr7->home, X86_DR_IN_VMCB);
	assert_int_equal(dr6->home, X86_DR_IN_VMCB);
	assert_int_equal(dr7->vmcb_offset, 0x560);
	assert_int_equal(dr6->vmcb_offset, 0x568);
}

static void test_reset_values(void **state)
{
	assert_int_equal(find("DR6")->reset, 0xffff0ff0ull);
	assert_int_equal(find("DR7")->reset, 0x400ull);
	for (unsigned n = 0; n < 4; n++) {
		char name[4] = { 'D', 'R', (char)('0' + n), 0 };
		const struct x86_debug_reg *r = find(name);
		assert_non_null(r);
		assert_int_equal(r->reset, 0);
		assert_int_equal(r->number, n);
		assert_int_equal(r->home, X86_DR_SWITCHED); /* no VMCB slot */
	}
}

static void test_every_register_once(void **state)
{
	assert_int_equal(x86_debug_reg_count, 6);
	for (unsigned i = 0; i < x86_debug_reg_count; i++)
		for (unsigned j = i + 1; j < x86_debug_reg_count; j++)
			assert_int_not_equal(x86_debug_regs[i].number, x86_debug_regs[j].number);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vmcb_offsets),
		cmocka_unit_test(test_reset_values),
		cmocka_unit_test(test_every_register_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
