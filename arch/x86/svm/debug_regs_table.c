/* Where each guest debug register lives while the guest runs, and its power-on value
 * (x86/debug_regs.h). */
#include <x86/debug_regs.h>

const struct x86_debug_reg x86_debug_regs[] = {
	{ "DR0", 0, X86_DR_SWITCHED, 0, 0 },
	{ "DR1", 1, X86_DR_SWITCHED, 0, 0 },
	{ "DR2", 2, X86_DR_SWITCHED, 0, 0 },
	{ "DR3", 3, X86_DR_SWITCHED, 0, 0 },
	{ "DR6", 6, X86_DR_IN_VMCB, 0x568, X86_DR6_RESET },
	{ "DR7", 7, X86_DR_IN_VMCB, 0x560, X86_DR7_RESET },
};
const unsigned x86_debug_reg_count = sizeof(x86_debug_regs) / sizeof(x86_debug_regs[0]);
