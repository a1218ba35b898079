/* The guest PLIC (arch/riscv/vplic.c), from the RISC-V PLIC specification: claim gives the
 * highest-priority pending enabled source above the threshold (ties: the lowest number),
 * completion reopens the gateway, a context's notification follows its state at once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <hv/vm.h>
#include <rv_virt.h>
#include <vplic.h>

static uint64_t hvip[2];
void rv_vcpu_set_hvip(struct vcpu *vcpu, uint64_t set, uint64_t clear)
{
	hvip[vcpu->id] = (hvip[vcpu->id] & ~clear) | set;
}

static struct vm vm;
static struct device dev;

static int setup(void **state)
{
	memset(&vm, 0, sizeof(vm));
	memset(hvip, 0, sizeof(hvip));
	vm.nr_vcpus = 2;
	for (unsigned i = 0; i < 2; i++) {
		vm.vcpus[i].vm = &vm;
		vm.vcpus[i].id = i;
	}
	dev = (struct device){ .desc = { .ops = &vplic_ops }, .vm = &vm };
	return 0;
}

static uint32_t rd(uint64_t off)
{
	uint64_t v;
	assert_true(vplic_ops.read(&dev, off, 4, &v));
	return (uint32_t)v;
}
static void wr(uint64_t off, uint32_t v) { assert_true(vplic_ops.write(&dev, off, 4, v)); }

#define S_CTX(h) (2 * (h) + 1)
#define ENABLE(ctx) (0x2000 + 0x80 * (ctx))
#define THRESHOLD(ctx) (0x200000 + 0x1000 * (ctx))
#define CLAIM(ctx) (0x200004 + 0x1000 * (ctx))

static void claim_complete_and_levels(void **state)
{
	wr(4 * 10, 1);                      /* priority of source 10 */
	vplic_line(&vm, 10, true);
	assert_int_equal(rd(0x1000), 1u << 10);   /* pending */
	assert_int_equal(hvip[0], 0);             /* not enabled */
	wr(ENABLE(S_CTX(0)), 1u << 10);
	assert_int_equal(hvip[0], HVIP_VSEIP);    /* at once on the enable */
	assert_int_equal(hvip[1], 0);
	assert_int_equal(rd(CLAIM(S_CTX(0))), 10);
	assert_int_equal(rd(0x1000), 0);          /* the claim took the pending bit */
	assert_int_equal(hvip[0], 0);
	assert_int_equal(rd(CLAIM(S_CTX(0))), 0); /* nothing else */
	wr(CLAIM(S_CTX(0)), 10);                  /* complete, line still high */
	assert_int_equal(rd(0x1000), 1u << 10);
	assert_int_equal(hvip[0], HVIP_VSEIP);
	assert_int_equal(rd(CLAIM(S_CTX(0))), 10);
	vplic_line(&vm, 10, false);
	vplic_line(&vm, 10, true);                /* gateway closed while claimed */
	assert_int_equal(rd(0x1000), 0);
	vplic_line(&vm, 10, false);
	wr(CLAIM(S_CTX(0)), 10);                  /* complete with the line low: done */
	assert_int_equal(rd(0x1000), 0);
	assert_int_equal(hvip[0], 0);
}

static void priority_threshold_and_ties(void **state)
{
	wr(4 * 3, 2);
	wr(4 * 5, 2);
	wr(4 * 7, 5);
	wr(4 * 9, 9);                             /* 3 bits: reads back 1 */
	assert_int_equal(rd(4 * 9), 1);
	wr(0, 7);                                 /* source 0 has no priority */
	assert_int_equal(rd(0), 0);
	wr(ENABLE(S_CTX(1)), (1u << 3) | (1u << 5) | (1u << 7) | 1u);
	assert_int_equal(rd(ENABLE(S_CTX(1))), (1u << 3) | (1u << 5) | (1u << 7));
	vplic_line(&vm, 3, true);
	vplic_line(&vm, 5, true);
	vplic_line(&vm, 7, true);
	assert_int_equal(hvip[1], HVIP_VSEIP);
	assert_int_equal(hvip[0], 0);             /* context 1 is hart 1's S-mode one */
	wr(THRESHOLD(S_CTX(1)), 5);               /* priority must exceed the threshold */
	assert_int_equal(hvip[1], 0);
	wr(THRESHOLD(S_CTX(1)), 1);
	assert_int_equal(rd(CLAIM(S_CTX(1))), 7); /* highest priority first */
	assert_int_equal(rd(CLAIM(S_CTX(1))), 3); /* tie: the lowest number */
	assert_int_equal(rd(CLAIM(S_CTX(1))), 5);
	wr(CLAIM(S_CTX(1)), 4);                   /* completing what was not claimed: no effect */
	assert_int_equal(rd(0x1000), 0);
	assert_int_equal(vplic_best(&vm.arch.plic, S_CTX(1)), 0);
}

static void out_of_range_and_sizes(void **state)
{
	uint64_t v = 0x1234;
	assert_true(vplic_ops.read(&dev, 0x1000, 1, &v));   /* not a 32-bit access: reads 0 */
	assert_int_equal(v, 0);
	assert_int_equal(rd(THRESHOLD(4)), 0);              /* a context beyond the harts */
	wr(THRESHOLD(4), 3);
	vplic_line(&vm, 0, true);                           /* no source 0 */
	vplic_line(&vm, VPLIC_SOURCES, true);
	assert_int_equal(rd(0x1000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(claim_complete_and_levels, setup),
		cmocka_unit_test_setup(priority_threshold_and_ties, setup),
		cmocka_unit_test_setup(out_of_range_and_sizes, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
