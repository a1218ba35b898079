/* The PSP mailbox protocol (see x86/psp.h): pure over its register and clock callbacks,
 * so it is host-tested against a fake firmware. */
#include <x86/psp.h>

int psp_mailbox_submit(void *mailbox, uint32_t cmd, void *buf, size_t len)
{
	const struct psp_mailbox *mb = mailbox;
	if (!mb->regs)
		return PSP_NO_DEVICE;
	if (len && !buf)
		return PSP_BAD_BUFFER;
	uint64_t pa = buf ? mb->buffer_pa(buf) : 0;
	if (pa & 7) /* firmware wants 8-byte aligned command buffers */
		return PSP_BAD_BUFFER;
	mb->write32(mb->ctx, mb->regs->cmdbuf_lo, (uint32_t)pa);
	mb->write32(mb->ctx, mb->regs->cmdbuf_hi, (uint32_t)(pa >> 32));
	mb->write32(mb->ctx, mb->regs->cmdresp, cmd << PSP_CMDRESP_CMD_SHIFT);
	uint64_t deadline = mb->now_ms(mb->ctx) + mb->timeout_ms;
	uint32_t v;
	while (!((v = mb->read32(mb->ctx, mb->regs->cmdresp)) & PSP_CMDRESP_RESP))
		if (mb->now_ms(mb->ctx) > deadline)
			return PSP_TIMEOUT;
	return (int)(v & PSP_CMDRESP_STATUS_MASK);
}
