/* The DTB testvisor hands a guest in a1, describing the same platform a payload sees on
 * QEMU virt (hw/riscv/virt.c): RAM at 0x80000000, the harts with their cpu-map (the
 * host's extension list, less what VS-mode cannot use), the ns16550 UART, the test
 * finisher with the poweroff/reboot syscon nodes on it, /chosen and /aliases. What it
 * leaves out and why: tests/dtb/riscv64.rules, checked by tests/dtb-compare.sh. */
#include <fdt.h>
#include <hv/vm.h>
#include <stdio.h>
#include <string.h>
#include <rv_host.h>
#include <rv_virt.h>

#define UART_BASE 0x10000000UL
#define FINISHER_BASE 0x100000UL
#define FINISHER_PHANDLE 1
#define PLIC_PHANDLE 2
#define CPU_PHANDLE(i) (3 + 2 * (i))
#define CPU_INTC_PHANDLE(i) (4 + 2 * (i))
#define IRQ_S_EXT 9

static void prop_reg(struct fdt_writer *w, uint64_t base, uint64_t size)
{
	uint32_t cells[4] = { (uint32_t)(base >> 32), (uint32_t)base,
			      (uint32_t)(size >> 32), (uint32_t)size };
	fdt_prop_cells(w, "reg", cells, 4);
}

/* The host's extension list (a string list), less what the guest cannot use, as
 * riscv,isa-extensions and the older riscv,isa string built from it ("rv64imafdc_zba_..."). */
static void prop_isa(struct fdt_writer *w, int host_cpu)
{
	int len = 0;
	const char *list = host_cpu < 0 ? NULL :
			   fdt_getprop(rv_host_fdt, host_cpu, "riscv,isa-extensions", &len);
	char out[512], isa[512] = "rv64";
	size_t n = 0, isa_len = 4;
	for (int pass = 0; pass < 2; pass++) /* the single letters first, then the rest */
		for (int i = 0; list && i < len; i += (int)strlen(list + i) + 1) {
			size_t l = strlen(list + i) + 1;
			bool letter = l == 2;
			if ((pass == 0) != letter || !rv_guest_extension_offered(list + i, &rv_caps) ||
			    n + l > sizeof(out) || isa_len + l + 1 > sizeof(isa))
				continue;
			memcpy(out + n, list + i, l);
			n += l;
			isa_len += (size_t)snprintf(isa + isa_len, sizeof(isa) - isa_len, "%s%s",
						    letter ? "" : "_", list + i);
		}
	fdt_prop_string(w, "riscv,isa", n ? isa : "rv64imafdc");
	fdt_prop_string(w, "riscv,isa-base", "rv64i");
	if (n)
		fdt_prop(w, "riscv,isa-extensions", out, n);
}

/* Properties of the host's hart the guest's harts have alike: the cache-block sizes of
 * the Zicbo* extensions a kernel needs with them, and the MMU's widest mode (VS-mode
 * translation is the hart's own). */
static void copy_host_cpu_props(struct fdt_writer *w, int host_cpu)
{
	static const char *const u32_props[] = { "riscv,cbom-block-size", "riscv,cbop-block-size",
						 "riscv,cboz-block-size" };
	int len;
	for (unsigned i = 0; host_cpu >= 0 && i < sizeof(u32_props) / sizeof(u32_props[0]); i++) {
		const void *v = fdt_getprop(rv_host_fdt, host_cpu, u32_props[i], &len);
		if (v && len == 4)
			fdt_prop_u32(w, u32_props[i], fdt_be32(v));
	}
	const char *mmu = host_cpu < 0 ? NULL : fdt_getprop(rv_host_fdt, host_cpu, "mmu-type", &len);
	fdt_prop_string(w, "mmu-type", mmu && len > 0 && mmu[len - 1] == 0 ? mmu : "riscv,sv39");
}

static void write_cpus(struct fdt_writer *w, const struct vm *vm)
{
	fdt_begin_node(w, "cpus");
	fdt_prop_u32(w, "#address-cells", 1);
	fdt_prop_u32(w, "#size-cells", 0);
	fdt_prop_u32(w, "timebase-frequency", (uint32_t)rv_timebase_hz);
	int host_cpu = fdt_path_offset(rv_host_fdt, "/cpus/cpu@0");
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		char name[16];
		snprintf(name, sizeof(name), "cpu@%u", i);
		fdt_begin_node(w, name);
		fdt_prop_string(w, "device_type", "cpu");
		fdt_prop_u32(w, "reg", i);
		fdt_prop_string(w, "compatible", "riscv");
		prop_isa(w, host_cpu);
		copy_host_cpu_props(w, host_cpu);
		fdt_prop_string(w, "status", "okay");
		fdt_prop_u32(w, "phandle", CPU_PHANDLE(i));
		fdt_begin_node(w, "interrupt-controller");
		fdt_prop_u32(w, "#interrupt-cells", 1);
		fdt_prop_empty(w, "interrupt-controller");
		fdt_prop_string(w, "compatible", "riscv,cpu-intc");
		fdt_prop_u32(w, "phandle", CPU_INTC_PHANDLE(i));
		fdt_end_node(w);
		fdt_end_node(w);
	}
	fdt_begin_node(w, "cpu-map"); /* one cluster, a core per vCPU, as QEMU's -smp N */
	fdt_begin_node(w, "cluster0");
	for (unsigned i = 0; i < vm->nr_vcpus; i++) {
		char name[16];
		snprintf(name, sizeof(name), "core%u", i);
		fdt_begin_node(w, name);
		fdt_prop_u32(w, "cpu", CPU_PHANDLE(i));
		fdt_end_node(w);
	}
	fdt_end_node(w);
	fdt_end_node(w);
	fdt_end_node(w);
}

/* Power-off and reboot through the test finisher's register, as QEMU describes them. */
static void write_syscon_nodes(struct fdt_writer *w)
{
	static const struct { const char *node, *compatible; uint32_t value; } nodes[] = {
		{ "poweroff", "syscon-poweroff", 0x5555 }, { "reboot", "syscon-reboot", 0x7777 },
	};
	for (unsigned i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		fdt_begin_node(w, nodes[i].node);
		fdt_prop_string(w, "compatible", nodes[i].compatible);
		fdt_prop_u32(w, "regmap", FINISHER_PHANDLE);
		fdt_prop_u32(w, "offset", 0);
		fdt_prop_u32(w, "value", nodes[i].value);
		fdt_end_node(w);
	}
}

/* The PLIC with an M-mode and an S-mode context per hart, in that order, as virt lists
 * them; OpenSBI marks the M-mode ones unusable (0xffffffff) before a kernel sees them,
 * and so does testvisor: its guest is the S-mode kernel. */
static void write_plic(struct fdt_writer *w, const struct vm *vm)
{
	static const char *const compat[] = { "sifive,plic-1.0.0", "riscv,plic0", NULL };
	uint32_t ext[4 * 8];
	unsigned n = 0;
	for (unsigned i = 0; i < vm->nr_vcpus && i < 8; i++) {
		ext[n++] = CPU_INTC_PHANDLE(i);
		ext[n++] = 0xffffffffu; /* M-mode external: not the guest's */
		ext[n++] = CPU_INTC_PHANDLE(i);
		ext[n++] = IRQ_S_EXT;
	}
	fdt_begin_node(w, "plic@c000000");
	fdt_prop_u32(w, "phandle", PLIC_PHANDLE);
	fdt_prop_u32(w, "riscv,ndev", VPLIC_SOURCES - 1);
	prop_reg(w, VPLIC_BASE, VPLIC_SIZE);
	fdt_prop_cells(w, "interrupts-extended", ext, n);
	fdt_prop_empty(w, "interrupt-controller");
	fdt_prop_strings(w, "compatible", compat);
	fdt_prop_u32(w, "#address-cells", 0);
	fdt_prop_u32(w, "#interrupt-cells", 1);
	fdt_end_node(w);
}

static void write_soc(struct fdt_writer *w, const struct vm *vm)
{
	static const char finisher_compat[] = "sifive,test1\0sifive,test0\0syscon";
	fdt_begin_node(w, "soc");
	fdt_prop_u32(w, "#address-cells", 2);
	fdt_prop_u32(w, "#size-cells", 2);
	fdt_prop_string(w, "compatible", "simple-bus");
	fdt_prop_empty(w, "ranges");
	fdt_begin_node(w, "serial@10000000");
	fdt_prop_string(w, "compatible", "ns16550a");
	prop_reg(w, UART_BASE, 0x100);
	fdt_prop_u32(w, "clock-frequency", 3686400);
	fdt_prop_u32(w, "interrupt-parent", PLIC_PHANDLE);
	fdt_prop_u32(w, "interrupts", VPLIC_UART_IRQ);
	fdt_end_node(w);
	fdt_begin_node(w, "rtc@101000");
	fdt_prop_u32(w, "interrupts", VPLIC_RTC_IRQ);
	fdt_prop_u32(w, "interrupt-parent", PLIC_PHANDLE);
	prop_reg(w, 0x101000, 0x1000);
	fdt_prop_string(w, "compatible", "google,goldfish-rtc");
	fdt_end_node(w);
	fdt_begin_node(w, "test@100000");
	fdt_prop(w, "compatible", finisher_compat, sizeof(finisher_compat));
	prop_reg(w, FINISHER_BASE, 0x1000);
	fdt_prop_u32(w, "phandle", FINISHER_PHANDLE);
	fdt_end_node(w);
	write_plic(w, vm);
	fdt_end_node(w);
}

int rv_build_guest_fdt(struct vm *vm, ipaddr_t *where)
{
	paddr_t pa;
	if (!vm_ipa_to_pa(vm, vm->boot_data_ipa, vm->boot_data_size, &pa))
		return -1;
	struct fdt_writer *w = &(struct fdt_writer){ 0 };
	fdt_begin(w, ptr_from_pa(pa), vm->boot_data_size);
	fdt_begin_node(w, "");
	fdt_prop_u32(w, "#address-cells", 2);
	fdt_prop_u32(w, "#size-cells", 2);
	fdt_prop_string(w, "compatible", "riscv-virtio");
	fdt_prop_string(w, "model", "testvisor riscv64 guest");
	fdt_begin_node(w, "chosen");
	if (vm->cfg.args[0]) /* QEMU leaves bootargs out for an empty command line */
		fdt_prop_string(w, "bootargs", vm->cfg.args);
	fdt_prop_string(w, "stdout-path", "/soc/serial@10000000");
	if (vm->initrd) {
		fdt_prop_u64(w, "linux,initrd-start", ipa_addr(vm->initrd_ipa));
		fdt_prop_u64(w, "linux,initrd-end", ipa_addr(vm->initrd_ipa) + vm->initrd_size);
	}
	fdt_end_node(w);
	fdt_begin_node(w, "aliases");
	fdt_prop_string(w, "serial0", "/soc/serial@10000000");
	fdt_end_node(w);
	fdt_begin_node(w, "memory@80000000");
	fdt_prop_string(w, "device_type", "memory");
	prop_reg(w, ipa_addr(vm->ram_ipa), vm->ram_size);
	fdt_end_node(w);
	write_cpus(w, vm);
	write_syscon_nodes(w);
	write_soc(w, vm);
	fdt_end_node(w);
	if (!fdt_finish(w))
		return -2;
	*where = vm->boot_data_ipa;
	return 0;
}
