/* The pure part of tracing (x86/debug_trace.h): who a #DB belongs to. */
#include <x86/debug_trace.h>

/* DR6 (SDM vol. 3 18.2.3): B0-B3 bits 0-3, BD 13, BS 14. */
#define DR6_BD (1ull << 13)
#define DR6_BS (1ull << 14)

/* B0-B3 "may or may not be set if the breakpoint is not enabled by the Ln or the Gn
 * flags in DR7" (SDM vol. 3 18.2.3): only an enabled one's is a condition. QEMU's TCG
 * sets Bn whenever RIP equals DRn, enabled or not. DR7: Ln bit 2n, Gn bit 2n+1. */
static uint64_t enabled_conditions(uint64_t dr7)
{
	uint64_t mask = DR6_BD;
	for (unsigned n = 0; n < 4; n++)
		if (dr7 & (3ull << (2 * n)))
			mask |= 1ull << n;
	return mask;
}

bool trace_insn_loads_rflags(const uint8_t *b, unsigned len)
{
	unsigned i = 0;
	while (i < len && (b[i] == 0x66 || b[i] == 0x67 || b[i] == 0xf2 || b[i] == 0xf3 ||
			   b[i] == 0x2e || b[i] == 0x36 || b[i] == 0x3e || b[i] == 0x26 ||
			   b[i] == 0x64 || b[i] == 0x65 || (b[i] & 0xf0) == 0x40))
		i++;
	return i < len && (b[i] == 0x9d || b[i] == 0xcf);
}

/* A step of testvisor's is DR6.BS with TF set by testvisor; DR6 keeps the guest's own
 * sticky bits (the value before the instruction) plus any new bit other than that BS;
 * it is also the guest's when a new condition of an enabled breakpoint (or BD) came
 * with it. Anything else the #DB reports (a breakpoint, BD, a step with the guest's own
 * TF, ICEBP's bare #DB) is the guest's and is injected. */
struct trace_db_out trace_db_decide(const struct trace_db_in *in)
{
	struct trace_db_out out = { 0 };
	out.host_step = in->host_tf && (in->dr6 & DR6_BS);
	uint64_t ours = out.host_step ? (DR6_BS & ~in->dr6_before) : 0;
	out.guest_dr6 = in->dr6 & ~ours;
	uint64_t new_conditions = out.guest_dr6 & enabled_conditions(in->dr7) & ~in->dr6_before;
	out.inject = !out.host_step || new_conditions != 0;
	/* A step nobody else sees leaves the guest's DR6 as it was: without testvisor there
	 * would have been no #DB to write it. */
	if (!out.inject)
		out.guest_dr6 = in->dr6_before;
	/* TF after the step: the guest's own value if the instruction loaded RFLAGS, else what
	 * it was before testvisor set it (0). */
	out.guest_tf = in->host_tf ? (in->insn_sets_flags && in->tf_after) : in->tf_after;
	return out;
}

bool trace_emulated_step_owed(bool tf, bool host_tf)
{
	return tf && !host_tf;
}
