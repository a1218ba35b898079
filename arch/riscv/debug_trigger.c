/* Pure decisions of break= on riscv64 (rv_debug.h). */
#include <rv_debug.h>

uint64_t rv_break_tdata1(void)
{
	return (MC6_TYPE << MC6_TYPE_SHIFT) | MC6_VS | MC6_VU | MC6_EXECUTE;
}

enum rv_break_kind rv_break_classify(const struct break_config *b, uint64_t pc, bool vsatp_bare)
{
	/* The trigger fires only at a break address; any other breakpoint exception is the
	 * guest's own instruction. */
	if (!break_config_hit(b, pc))
		return RV_BREAK_GUEST;
	return vsatp_bare ? RV_BREAK_STOP : RV_BREAK_PAGED;
}
