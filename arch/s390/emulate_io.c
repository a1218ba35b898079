/* Emulation of the channel-subsystem instructions: operand checks here, semantics in the
 * virtual channel subsystem (css.c). Channel programs address guest absolute memory. */
#include <hv/vm.h>
#include <css_defs.h>
#include <string.h>
#include "emulate.h"

static bool css_mem_read(void *ctx, uint64_t addr, void *dst, uint32_t len)
{
	return guest_abs_read(ctx, addr, dst, len);
}
static bool css_mem_write(void *ctx, uint64_t addr, const void *src, uint32_t len)
{
	return guest_abs_write(ctx, addr, src, len);
}

/* Sets the condition code from a css_* result, or returns its program exception. */
static int css_result(struct vcpu *v, int rc)
{
	if (rc < 0)
		return -rc;
	set_cc(v, rc);
	return 0;
}

static uint32_t sid(struct vcpu *v) { return (uint32_t)*gpr(v, 1); }

enum exit_action op_stsch(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2);
	uint8_t schib[SCHIB_SIZE];
	if (!ALIGNED(a, 4))
		return insn_done(v, PGM_SPECIFICATION);
	int rc = css_stsch(&v->vm->arch.css, sid(v), schib);
	if (rc == 0 && wr(v, a, schib, sizeof(schib)))
		return insn_done(v, PGM_ADDRESSING);
	return insn_done(v, css_result(v, rc));
}

enum exit_action op_msch(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2);
	uint8_t schib[SCHIB_SIZE];
	if (!ALIGNED(a, 4))
		return insn_done(v, PGM_SPECIFICATION);
	int rc = rd(v, a, schib, sizeof(schib));
	return insn_done(v, rc ? rc : css_result(v, css_msch(&v->vm->arch.css, sid(v), schib)));
}

enum exit_action op_ssch(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2);
	uint8_t orb[ORB_SIZE];
	if (!ALIGNED(a, 4))
		return insn_done(v, PGM_SPECIFICATION);
	int rc = rd(v, a, orb, 12);
	if (rc)
		return insn_done(v, rc);
	memset(orb + 12, 0, sizeof(orb) - 12);
	struct css_mem mem = { css_mem_read, css_mem_write, v->vm };
	return insn_done(v, css_result(v, css_ssch(&v->vm->arch.css, sid(v), orb, &mem)));
}

enum exit_action op_tsch(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2);
	uint8_t irb[IRB_SIZE];
	if (!ALIGNED(a, 4))
		return insn_done(v, PGM_SPECIFICATION);
	int rc = css_tsch(&v->vm->arch.css, sid(v), irb);
	if ((rc == 0 || rc == 1) && wr(v, a, irb, sizeof(irb)))
		return insn_done(v, PGM_ADDRESSING);
	return insn_done(v, css_result(v, rc));
}

enum exit_action op_tpi(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2);
	uint32_t code[3];
	if (!ALIGNED(a, 4))
		return insn_done(v, PGM_SPECIFICATION);
	uint8_t isc = (uint8_t)(v->arch.cr[6] >> 24);
	if (!css_take_io_interrupt(&v->vm->arch.css, isc, &code[0], &code[1], &code[2])) {
		set_cc(v, 0);
		return EXIT_RESUME;
	}
	bool ok = a ? guest_write(v, a, code, 8)
		    : guest_abs_write(v->vm, v->arch.prefix + LC_SUBCHANNEL_ID, code, 12);
	if (!ok)
		return insn_done(v, PGM_ADDRESSING);
	set_cc(v, 1);
	return EXIT_RESUME;
}

enum exit_action op_csch(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, css_result(v, css_csch(&v->vm->arch.css, sid(v))));
}
enum exit_action op_hsch(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, css_result(v, css_hsch(&v->vm->arch.css, sid(v))));
}
enum exit_action op_rsch(struct vcpu *v, const struct insn *in)
{
	struct css_mem mem = { css_mem_read, css_mem_write, v->vm };
	return insn_done(v, css_result(v, css_rsch(&v->vm->arch.css, sid(v), &mem)));
}
enum exit_action op_xsch(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, css_result(v, css_xsch(&v->vm->arch.css, sid(v))));
}

enum exit_action op_stcrw(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2);
	uint32_t crw;
	if (!ALIGNED(a, 4))
		return insn_done(v, PGM_SPECIFICATION);
	int cc = css_stcrw(&v->vm->arch.css, &crw);
	if (wr(v, a, &crw, 4))
		return insn_done(v, PGM_ADDRESSING);
	set_cc(v, cc);
	return EXIT_RESUME;
}

enum exit_action op_chsc(struct vcpu *v, const struct insn *in)
{
	static uint8_t area[4096];
	uint64_t a = wrap_addr(v, *gpr(v, in->r1));
	if (!ALIGNED(a, 4096))
		return insn_done(v, PGM_SPECIFICATION);
	int rc = rd(v, a, area, sizeof(area));
	if (rc)
		return insn_done(v, rc);
	int cc = css_chsc(&v->vm->arch.css, area);
	if (cc < 0)
		return insn_done(v, -cc);
	rc = wr(v, a, area, sizeof(area));
	if (!rc)
		set_cc(v, cc);
	return insn_done(v, rc);
}

enum exit_action op_rchp(struct vcpu *v, const struct insn *in)
{
	set_cc(v, 3);
	return EXIT_RESUME;
}
