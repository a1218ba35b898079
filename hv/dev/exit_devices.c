/* QEMU's exit devices, as a guest's way to end itself with a status. */
#include <hv/dev.h>
#include <hv/vm.h>

/* isa-debug-exit: QEMU exits with (value << 1) | 1; under testvisor the guest's status is
 * the value itself, the same number the runner decodes from QEMU's exit code. */
static bool debug_exit_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	vm_guest_exit_with_status(dev->vm, (int)(uint32_t)val);
	return true;
}

const struct device_ops isa_debug_exit_ops = { .write = debug_exit_write };

/* virt test finisher (sifive_test): 0x5555 pass, 0x3333 | code << 16 fail with code,
 * 0x7777 reset. Other values are ignored, as QEMU does. */
#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333
#define FINISHER_RESET 0x7777

static bool finisher_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	if (off != 0)
		return true;
	switch (val & 0xffff) {
	case FINISHER_PASS: vm_guest_exit_with_status(dev->vm, 0); break;
	case FINISHER_FAIL: vm_guest_exit_with_status(dev->vm, (int)((val >> 16) & 0xffff)); break;
	case FINISHER_RESET: vm_fail(dev->vm, "guest asked the test finisher for a reset"); break;
	default: break;
	}
	return true;
}

const struct device_ops sifive_test_ops = { .write = finisher_write };
