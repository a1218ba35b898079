/* QEMU's fw_cfg device, the traditional (port) interface that x86 test kernels read for
 * the CPU count and the memory size (QEMU docs/specs/fw_cfg.rst): a 16-bit write to the
 * selector picks an item, byte reads of the data register walk it, past its end reads
 * give 0, and so does an item that does not exist. The items testvisor offers describe
 * the VM: signature "QEMU", ID 1 (traditional interface only: no DMA), RAM_SIZE (u64),
 * NB_CPUS and MAX_CPUS (u16), and an empty file directory (count 0, big-endian).
 * Little-endian integers, as the specification says for these items. */
#include <string.h>
#include <hv/dev.h>
#include <hv/vm.h>

#define FW_CFG_SIGNATURE 0x00
#define FW_CFG_ID 0x01
#define FW_CFG_RAM_SIZE 0x03
#define FW_CFG_NB_CPUS 0x05
#define FW_CFG_MAX_CPUS 0x0f
#define FW_CFG_FILE_DIR 0x19
#define FW_CFG_ID_TRADITIONAL 1u

#define REG_SELECTOR 0 /* dev->regs slots */
#define REG_OFFSET 1

static void le(uint8_t *out, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		out[i] = (uint8_t)(v >> (8 * i));
}

/* The selected item's bytes; its length, 0 when the key names nothing. */
static unsigned item(const struct device *dev, uint8_t out[8])
{
	memset(out, 0, 8);
	switch (dev->regs[REG_SELECTOR]) {
	case FW_CFG_SIGNATURE: memcpy(out, "QEMU", 4); return 4;
	case FW_CFG_ID: le(out, FW_CFG_ID_TRADITIONAL, 4); return 4;
	case FW_CFG_RAM_SIZE: le(out, dev->vm->ram_size, 8); return 8;
	case FW_CFG_NB_CPUS:
	case FW_CFG_MAX_CPUS: le(out, dev->vm->nr_vcpus, 2); return 2;
	case FW_CFG_FILE_DIR: return 4; /* count 0 */
	default: return 0;
	}
}

/* Both ports decode alike, as QEMU's combined region (hw/nvram/fw_cfg.c, fw_cfg_comb_*):
 * a 16-bit write selects, a byte read reads data; byte writes to data are ignored.
 * Other sizes are not valid accesses there; here they read all-ones, like a port nobody
 * decodes (assumption: what QEMU's memory core returns for them is not pinned). */
static bool fw_cfg_write(struct device *dev, uint64_t off, unsigned size, uint64_t val)
{
	if (size == 2) {
		dev->regs[REG_SELECTOR] = val & 0xffff;
		dev->regs[REG_OFFSET] = 0;
	}
	return true; /* data writes: ignored, as for a read-only item */
}

static bool fw_cfg_read(struct device *dev, uint64_t off, unsigned size, uint64_t *val)
{
	if (size != 1) {
		*val = ~0ull;
		return true;
	}
	*val = 0;
	uint8_t bytes[8];
	unsigned len = item(dev, bytes);
	for (unsigned i = 0; i < size; i++, dev->regs[REG_OFFSET]++)
		if (dev->regs[REG_OFFSET] < len)
			*val |= (uint64_t)bytes[dev->regs[REG_OFFSET]] << (8 * i);
	return true;
}

const struct device_ops fw_cfg_ops = { .read = fw_cfg_read, .write = fw_cfg_write };
