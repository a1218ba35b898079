/* VM objects: creation with guest RAM, guest-memory access, device dispatch, guest
 * console capture, and the two ways a guest ends (itself, or stopped by testvisor). */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <hv/vm.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Guest RAM is backed by one contiguous allocation, aligned so that architectures can
 * use large second-stage mappings. */
#define RAM_ALIGN_PAGES (2UL * 1024 * 1024 / PAGE_SIZE)

int vm_create(struct vm *vm, unsigned id, const struct vm_config *cfg, char *err, size_t errlen)
{
	memset(vm, 0, sizeof(*vm));
	vm->id = id;
	vm->cfg = *cfg;
	if (!vm->cfg.mem_size)
		vm->cfg.mem_size = ARCH_GUEST_RAM_DEFAULT;
	if (vm->cfg.vcpus > VM_MAX_VCPUS) {
		snprintf(err, errlen, "%u vCPUs asked, at most %u", vm->cfg.vcpus, VM_MAX_VCPUS);
		return -1;
	}
	size_t pages = PAGE_ALIGN_UP(vm->cfg.mem_size) / PAGE_SIZE;
	vm->ram_pa = hv_alloc_pages(pages, RAM_ALIGN_PAGES);
	if (!pa_addr(vm->ram_pa)) {
		snprintf(err, errlen, "no memory for %zu KiB of guest RAM (%zu KiB free)",
			 pages * (PAGE_SIZE / 1024), hv_free_page_count() * (PAGE_SIZE / 1024));
		return -1;
	}
	vm->ram_ipa = ipa_init(ARCH_GUEST_RAM_BASE);
	vm->ram_size = pages * PAGE_SIZE;
	vm->nr_vcpus = vm->cfg.vcpus;
	vm->console_line_max = vm_config_get_u64(&vm->cfg, "console_line_max",
						 VM_CONSOLE_LINE_MAX_DEFAULT, NULL);
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		vm->vcpus[i].vm = vm;
		vm->vcpus[i].id = i;
		vm->vcpus[i].state = VCPU_OFF;
		vm->vcpus[i].last_exit = "none";
	}
	int rc = arch_vm_init(vm);
	if (rc) {
		snprintf(err, errlen, "architecture set-up failed (%d)", rc);
		hv_free_pages(vm->ram_pa, pages);
		vm->ram_size = 0; /* nothing left for vm_destroy */
		return -1;
	}
	rc = arch_vm_map(vm, vm->ram_ipa, vm->ram_pa, vm->ram_size, PROT_RWX);
	if (rc) {
		snprintf(err, errlen, "mapping guest RAM failed (%d)", rc);
		vm_destroy(vm);
		return -1;
	}
	return 0;
}

void vm_destroy(struct vm *vm)
{
	arch_vm_destroy(vm);
	trace_log_free(vm);
	hv_free_pages(vm->ram_pa, vm->ram_size / PAGE_SIZE);
	vm->ram_size = 0;
}

bool vm_ipa_to_pa(const struct vm *vm, ipaddr_t ipa, size_t len, paddr_t *pa)
{
	uint64_t off = ipa_addr(ipa) - ipa_addr(vm->ram_ipa);
	if (ipa_addr(ipa) < ipa_addr(vm->ram_ipa) || off > vm->ram_size || len > vm->ram_size - off)
		return false;
	*pa = pa_add(vm->ram_pa, off);
	return true;
}

bool vm_read(const struct vm *vm, ipaddr_t ipa, void *dst, size_t len)
{
	paddr_t pa;
	if (!vm_ipa_to_pa(vm, ipa, len, &pa))
		return false;
	memcpy(dst, ptr_from_pa(pa), len);
	return true;
}

bool vm_write(struct vm *vm, ipaddr_t ipa, const void *src, size_t len)
{
	paddr_t pa;
	if (!vm_ipa_to_pa(vm, ipa, len, &pa))
		return false;
	memcpy(ptr_from_pa(pa), src, len);
	return true;
}

static bool overlaps(const struct device_desc *a, const struct device_desc *b)
{
	return a->space == b->space && a->base < b->base + b->size && b->base < a->base + a->size;
}

int vm_add_device(struct vm *vm, const struct device_desc *desc)
{
	if (vm->nr_devices == VM_MAX_DEVICES || desc->size == 0)
		return -1;
	/* Two devices claiming one address: dispatch would pick one silently. */
	for (unsigned i = 0; i < vm->nr_devices; i++)
		if (overlaps(&vm->devices[i].desc, desc))
			return -1;
	struct device *dev = &vm->devices[vm->nr_devices++];
	memset(dev, 0, sizeof(*dev));
	dev->desc = *desc;
	dev->vm = vm;
	return 0;
}

static bool dispatch(struct vm *vm, enum dev_space space, uint64_t addr, unsigned size,
		     bool write, uint64_t *val)
{
	for (unsigned i = 0; i < vm->nr_devices; i++) {
		struct device *dev = &vm->devices[i];
		if (dev->desc.space != space || addr < dev->desc.base ||
		    addr - dev->desc.base >= dev->desc.size)
			continue;
		uint64_t off = addr - dev->desc.base;
		if (write)
			return dev->desc.ops->write ? dev->desc.ops->write(dev, off, size, *val) : true;
		*val = 0;
		return dev->desc.ops->read ? dev->desc.ops->read(dev, off, size, val) : true;
	}
	return false;
}

bool vm_mmio_access(struct vcpu *vcpu, ipaddr_t addr, unsigned size, bool write, uint64_t *val)
{
	return dispatch(vcpu->vm, DEV_MMIO, ipa_addr(addr), size, write, val);
}

bool vm_pio_access(struct vcpu *vcpu, uint16_t port, unsigned size, bool write, uint64_t *val)
{
	return dispatch(vcpu->vm, DEV_PIO, port, size, write, val);
}

void vm_console_putc(struct vm *vm, char c)
{
	struct guest_results *r = &vm->results;
	if (c == '\r' || (vm->state == VM_FAILED && c != '\n'))
		return;
	if (c != '\n') {
		/* A guest that never ends a line would keep testvisor busy until its budget
		 * runs out and hide its last lines: a limit stops it with a reason. */
		if (vm->console_line_max && ++vm->console_unbroken > vm->console_line_max) {
			vm_fail(vm, "console: more than %llu bytes without a newline",
				(unsigned long long)vm->console_line_max);
			return;
		}
		if (r->line_len < sizeof(r->line) - 1)
			r->line[r->line_len++] = c;
		return;
	}
	vm->console_unbroken = 0;
	r->line[r->line_len] = '\0';
	printf("[%s] %s\n", vm->cfg.name, r->line);
	results_feed_line(r, r->line);
	r->line_len = 0;
}

/* A partial last line (a guest that died mid-line) is still shown. */
void vm_console_flush(struct vm *vm)
{
	if (vm->results.line_len)
		vm_console_putc(vm, '\n');
}

void vm_guest_exit(struct vm *vm, int status)
{
	if (vm->state != VM_RUNNING)
		return;
	vm->exit_status = status;
	vm->exit_status_carried = false;
	vm->state = VM_EXITED;
}

void vm_guest_exit_with_status(struct vm *vm, int status)
{
	if (vm->state != VM_RUNNING)
		return;
	vm_guest_exit(vm, status);
	vm->exit_status_carried = true;
}

void vm_fail(struct vm *vm, const char *fmt, ...)
{
	if (vm->state != VM_RUNNING)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(vm->fail_reason, sizeof(vm->fail_reason), fmt, ap);
	va_end(ap);
	vm->state = VM_FAILED;
}
