/* efi_enter_testvisor(entry, dtb, handoff): from the firmware's world to testvisor's entry
 * as the Linux protocol leaves it: interrupts masked, MMU and caches off at EL2. The data
 * testvisor reads was cleaned to the point of coherency by the caller. */
	.text
	.global	efi_enter_testvisor
efi_enter_testvisor:
	msr	daifset, #0xf
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mrs	x3, sctlr_el2
	bic	x3, x3, #1		/* M */
	bic	x3, x3, #(1 << 2)	/* C */
	bic	x3, x3, #(1 << 12)	/* I */
	dsb	sy
	msr	sctlr_el2, x3
	isb
	ic	iallu
	tlbi	alle2
	dsb	sy
	isb
	mov	x0, x20
	mov	x1, x21
	mov	x2, xzr
	mov	x3, xzr
	br	x19
