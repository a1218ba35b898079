/* The SCLP testvisor presents to a guest: Read SCP Info (memory and CPUs), Write Event
 * Data into the guest's console, event masks, and an empty event queue. The response
 * codes follow QEMU's SCLP; completion raises a service-signal external interruption
 * whose parameter is the SCCB address. */
#include <hv/vm.h>
#include <sclp_defs.h>
#include <string.h>
#include "s390_vcpu.h"

#define SCCB_MAX 4096
static uint8_t sccb_buf[SCCB_MAX];

static uint16_t read_scp_info(struct vcpu *vcpu, uint16_t len)
{
	struct vm *vm = vcpu->vm;
	size_t need = SCLP_SCP_INFO_CPU_OFFSET + vm->nr_vcpus * sizeof(struct sclp_cpu_entry);
	if (len < need)
		return SCLP_RC_INSUFFICIENT_SCCB_LENGTH;
	memset(sccb_buf + sizeof(struct sccb_header), 0, len - sizeof(struct sccb_header));
	struct read_scp_info *ri = (struct read_scp_info *)sccb_buf;
	uint64_t mib = vm->ram_size >> 20;
	ri->rnsize = 1;
	ri->rnmax = mib <= 0xffff ? (uint16_t)mib : 0;
	ri->rnsize2 = 1;
	ri->rnmax2 = mib;
	ri->entries_cpu = vm->nr_vcpus;
	ri->offset_cpu = SCLP_SCP_INFO_CPU_OFFSET;
	ri->highest_cpu = vm->nr_vcpus - 1;
	struct sclp_cpu_entry *cpu = (struct sclp_cpu_entry *)(sccb_buf + SCLP_SCP_INFO_CPU_OFFSET);
	for (unsigned i = 0; i < vm->nr_vcpus; i++)
		cpu[i].address = i;
	return SCLP_RC_NORMAL_READ_COMPLETION;
}

static uint16_t write_event_data(struct vcpu *vcpu, uint16_t len)
{
	struct sccb_header *h = (struct sccb_header *)sccb_buf;
	if (h->function_code != 0)
		return SCLP_RC_INVALID_FUNCTION;
	/* Check every buffer first, then show them: a malformed one writes nothing. */
	for (int pass = 0; pass < 2; pass++) {
		uint16_t off = sizeof(*h);
		while (off < len) {
			struct evbuf_header *ev = (struct evbuf_header *)(sccb_buf + off);
			if ((size_t)(len - off) < sizeof(*ev) || ev->length < sizeof(*ev) ||
			    ev->length > len - off)
				return SCLP_RC_EVENT_BUFFER_SYNTAX;
			if (ev->type != SCLP_EVENT_ASCII_CONSOLE)
				return SCLP_RC_INVALID_FUNCTION; /* no handler for it, as QEMU says */
			if (pass) {
				const char *text = (const char *)(ev + 1);
				for (unsigned i = 0; i < ev->length - sizeof(*ev); i++)
					vm_console_putc(vcpu->vm, text[i]);
				ev->flags |= 0x80; /* buffer accepted */
			}
			off += ev->length;
		}
	}
	return SCLP_RC_NORMAL_COMPLETION;
}

static uint16_t write_event_mask(struct vcpu *vcpu, uint16_t len)
{
	/* mask length (2 bytes at 10), then receive and send masks of that length */
	if (len < 12)
		return SCLP_RC_INSUFFICIENT_SCCB_LENGTH;
	uint16_t mlen = (uint16_t)(sccb_buf[10] << 8 | sccb_buf[11]);
	if (mlen == 0 || mlen > 1021 || len < 12 + 4 * mlen)
		return SCLP_RC_INCONSISTENT_LENGTHS;
	uint32_t receive = 0;
	for (unsigned i = 0; i < 4 && i < mlen; i++)
		receive |= (uint32_t)sccb_buf[12 + i] << (24 - 8 * i);
	vcpu->vm->arch.sclp_event_mask = receive;
	/* The SCLP's own masks: it sends nothing, it receives ASCII console data. */
	memset(sccb_buf + 12 + 2 * mlen, 0, 2 * mlen);
	uint32_t ascii = 1u << (32 - SCLP_EVENT_ASCII_CONSOLE);
	for (unsigned i = 0; i < 4 && i < mlen; i++)
		sccb_buf[12 + 3 * mlen + i] = (uint8_t)(ascii >> (24 - 8 * i));
	return SCLP_RC_NORMAL_COMPLETION;
}

void sclp_guest_call(struct vcpu *vcpu, uint32_t cmd, uint64_t sccb)
{
	struct sccb_header h;
	if (!guest_read(vcpu, sccb, &h, sizeof(h)))
		return;
	uint16_t len = h.length, rc;
	if (len < sizeof(h)) {
		rc = SCLP_RC_INSUFFICIENT_SCCB_LENGTH;
		len = sizeof(h);
	} else if ((sccb & 0xfff) + len > SCCB_MAX) {
		rc = SCLP_RC_INVALID_SCCB_BOUNDARY;
		len = sizeof(h);
	} else if (!guest_read(vcpu, sccb, sccb_buf, len)) {
		return;
	} else {
		switch (cmd) {
		case SCLP_CMD_READ_SCP_INFO:
		case SCLP_CMD_READ_SCP_INFO_FORCED:
			rc = read_scp_info(vcpu, len);
			break;
		case SCLP_CMD_WRITE_EVENT_DATA:
			rc = write_event_data(vcpu, len);
			break;
		case SCLP_CMD_WRITE_EVENT_MASK:
			rc = write_event_mask(vcpu, len);
			break;
		case SCLP_CMD_READ_EVENT_DATA:
			rc = SCLP_RC_NO_EVENT_BUFFERS;
			break;
		default:
			rc = SCLP_RC_INVALID_COMMAND;
			break;
		}
	}
	if (len == sizeof(h))
		memcpy(sccb_buf, &h, sizeof(h));
	((struct sccb_header *)sccb_buf)->response_code = rc;
	guest_write(vcpu, sccb, sccb_buf, len);
	vcpu->arch.irq.service_signal = true;
	vcpu->arch.irq.service_param = (uint32_t)sccb;
}
