/* Start-up steps shared by testvisor's entry and the payloads' (both run with DAT off). */
#ifndef S390_EARLY_START_S_H
#define S390_EARLY_START_S_H

/* Stack at __stack_top with a zero back chain in a `frame`-byte save area, then BSS
 * zeroed (page aligned, whole pages), then the new PSWs for external, SVC, program,
 * machine check and I/O (lowcore 0x1b0..0x1ff) copied from the 80-byte table `psws`. */
.macro EARLY_START frame, psws
	larl	%r15, __stack_top
	aghi	%r15, -\frame
	lghi	%r0, 0
	stg	%r0, 0(%r15)
	larl	%r2, __bss_start
	larl	%r3, __bss_end
1:	clgr	%r2, %r3
	jhe	2f
	xc	0(256, %r2), 0(%r2)
	aghi	%r2, 256
	j	1b
2:	larl	%r1, \psws
	mvc	0x1b0(80), 0(%r1)
.endm

#endif
