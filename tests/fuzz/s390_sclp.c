/* Fuzz target: the SCLP commands a guest issues with SERVC (arch/s390/sclp_guest.c): Read
 * SCP Info, Write Event Data (console), Write Event Mask, Read Event Data, any other
 * command, on an SCCB the guest wrote anywhere in its memory; with the console's message
 * event builder (sclp_event.c) on the text it writes.
 * Input: command (4 bytes), SCCB offset (2), vCPU count byte, then guest memory (the SCCB
 * is read from it at the offset; the rest of the 8 KiB is zero).
 * Checks beyond the sanitizers: the SCLP reads and writes only inside guest memory, only
 * the SCCB's own bytes (within its 4 KiB page), always completes with a response code and
 * the service-signal interruption carrying the SCCB address. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hv/vm.h>
#include <sclp_defs.h>
#include <sclp_event.h>
#include <s390_vcpu.h>

#define MEM_SIZE 8192
static uint8_t *mem;
static uint64_t sccb_at;
static uint8_t console[256];
static size_t console_len;

static bool in_sccb(uint64_t real, size_t len)
{
	/* The SCCB's bytes: from its address to the end of its page at most. */
	return real >= sccb_at && len <= 4096 && real - sccb_at <= 4096 - len &&
	       (real & ~0xfffull) == (sccb_at & ~0xfffull) &&
	       (len == 0 || ((real + len - 1) & ~0xfffull) == (sccb_at & ~0xfffull));
}

bool guest_read(const struct vcpu *vcpu, uint64_t real, void *dst, size_t len)
{
	if (!in_sccb(real, len))
		abort();
	if (real > MEM_SIZE || len > MEM_SIZE - real)
		return false;
	memcpy(dst, mem + real, len);
	return true;
}

bool guest_write(struct vcpu *vcpu, uint64_t real, const void *src, size_t len)
{
	if (!in_sccb(real, len))
		abort();
	if (real > MEM_SIZE || len > MEM_SIZE - real)
		return false;
	memcpy(mem + real, src, len);
	return true;
}

void vm_console_putc(struct vm *vm, char c)
{
	if (console_len < sizeof(console))
		console[console_len++] = (uint8_t)c;
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vm vm;
	if (size < 7)
		return 0;
	if (!mem && !(mem = malloc(MEM_SIZE)))
		abort();
	uint32_t cmd;
	memcpy(&cmd, data, 4);
	sccb_at = (uint64_t)(data[4] | data[5] << 8) % MEM_SIZE & ~7ull;
	memset(&vm, 0, sizeof(vm));
	vm.nr_vcpus = 1 + data[6] % VM_MAX_VCPUS;
	vm.ram_size = (uint64_t)(data[6] >> 2) << 20;
	struct vcpu *v = &vm.vcpus[0];
	v->vm = &vm;
	memset(mem, 0, MEM_SIZE);
	size_t n = size - 7 < MEM_SIZE - sccb_at ? size - 7 : MEM_SIZE - sccb_at;
	memcpy(mem + sccb_at, data + 7, n);
	console_len = 0;
	/* The command words Linux uses carry the command in the low bits; mostly those. */
	static const uint32_t cmds[] = { SCLP_CMD_READ_SCP_INFO, SCLP_CMD_READ_SCP_INFO_FORCED,
					 SCLP_CMD_WRITE_EVENT_DATA, SCLP_CMD_READ_EVENT_DATA,
					 SCLP_CMD_WRITE_EVENT_MASK };
	if (!(data[3] & 0x80))
		cmd = cmds[cmd % 5];
	sclp_guest_call(v, cmd, sccb_at);
	if (!v->arch.irq.service_signal || v->arch.irq.service_param != (uint32_t)sccb_at)
		abort();
	/* What the guest wrote to its console, as a message event for a line-mode SCLP. */
	static uint8_t ev[28 + sizeof(console)];
	size_t len = sclp_message_event(ev, (const char *)console, console_len);
	if (len > sizeof(ev))
		abort();
	sclp_console_uses_messages((uint32_t)cmd);
	return 0;
}
