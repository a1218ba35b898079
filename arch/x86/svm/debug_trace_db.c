/* The pure part of tracing (x86/debug_trace.h): who a #DB belongs to. */
#include <x86/debug_trace.h>

/* DR6 (SDM vol. 3 18.2.3): B0-B3 bits 0-3, BD 13, BS 14. */
#define DR6_B0_B3 0xfull
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

/* Skips legacy prefixes and REX; returns the index of the opcode, *rex the last REX. */
static unsigned skip_prefixes(const uint8_t *b, unsigned len, uint8_t *rex)
{
	unsigned i = 0;
	*rex = 0;
	while (i < len && (b[i] == 0x66 || b[i] == 0x67 || b[i] == 0xf2 || b[i] == 0xf3 ||
			   b[i] == 0x2e || b[i] == 0x36 || b[i] == 0x3e || b[i] == 0x26 ||
			   b[i] == 0x64 || b[i] == 0x65 || (b[i] & 0xf0) == 0x40)) {
		*rex = (b[i] & 0xf0) == 0x40 ? b[i] : 0;
		i++;
	}
	return i;
}

bool trace_insn_loads_rflags(const uint8_t *b, unsigned len)
{
	uint8_t rex;
	unsigned i = skip_prefixes(b, len, &rex);
	return i < len && (b[i] == 0x9d || b[i] == 0xcf);
}

/* MOV DRn, r (0F 23 /r, SDM vol. 2): ModRM.reg is the debug register, ModRM.rm (REX.B
 * extended) the source; the mod field is ignored, the operand is always a register. */
bool trace_insn_writes_dr6(const uint8_t *b, unsigned len, unsigned *gpr)
{
	uint8_t rex;
	unsigned i = skip_prefixes(b, len, &rex);
	if (i + 2 >= len || b[i] != 0x0f || b[i + 1] != 0x23 || ((b[i + 2] >> 3) & 7) != 6)
		return false;
	*gpr = (b[i + 2] & 7u) | ((rex & 1u) << 3);
	return true;
}

/* A step of testvisor's is DR6.BS with TF set by testvisor. The guest's DR6 before the
 * #DB (`prev`) is what it had before the instruction, or what the instruction wrote
 * (MOV DR6). A #DB "may clear" B0-B3 (SDM vol. 3 18.2.3; QEMU's TCG replaces them with
 * the breakpoints matching now on every single-step), so testvisor's own steps give the
 * guest back its B0-B3 from `prev`, and take off the BS that was testvisor's. The #DB is
 * (also) the guest's when it reports a new condition of an enabled breakpoint or BD, or
 * anything without testvisor's step (a breakpoint, BD, the guest's own TF, ICEBP). */
struct trace_db_out trace_db_decide(const struct trace_db_in *in)
{
	struct trace_db_out out = { 0 };
	uint64_t prev = in->insn_writes_dr6 ? in->dr6_written : in->dr6_before;
	out.host_step = in->host_tf && (in->dr6 & DR6_BS);
	uint64_t ours = out.host_step ? (DR6_BS & ~prev) : 0;
	out.guest_dr6 = (in->dr6 & ~ours) | (prev & DR6_B0_B3);
	uint64_t new_conditions = in->dr6 & enabled_conditions(in->dr7) & ~prev;
	out.inject = !out.host_step || new_conditions != 0;
	/* A step nobody else sees reports nothing new: B0-B3 stay the guest's own. */
	if (!out.inject)
		out.guest_dr6 = (in->dr6 & ~(ours | DR6_B0_B3)) | (prev & DR6_B0_B3);
	/* TF after the step: the guest's own value if the instruction loaded RFLAGS, else what
	 * it was before testvisor set it (0). */
	out.guest_tf = in->host_tf ? (in->insn_sets_flags && in->tf_after) : in->tf_after;
	return out;
}

bool trace_emulated_step_owed(bool tf, bool host_tf)
{
	return tf && !host_tf;
}
