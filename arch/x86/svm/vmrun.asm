; x86_svm_vmrun(struct svm_gprs *gprs, uint64_t vmcb_pa, void *fpu)
; Enters the guest and returns after its #VMEXIT. RAX/RSP/RIP of the guest live in the
; VMCB; the other general registers in *gprs (layout: struct svm_gprs); the guest's x87/SSE
; state in *fpu (testvisor itself uses no FP/SIMD registers, so only the guest's image is
; switched). Physical interrupts are enabled only while the guest runs: with GIF clear
; around VMRUN, a pending timer interrupt makes the guest exit (INTR intercept) instead of
; entering testvisor's handler.
BITS 64
section .text

%define G_RBX 0
%define G_RCX 8
%define G_RDX 16
%define G_RSI 24
%define G_RDI 32
%define G_RBP 40
%define G_R8  48

global x86_svm_vmrun
x86_svm_vmrun:
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	push rdx                ; fpu
	push rdi                ; gprs
	fxrstor [rdx]
	mov rax, rsi            ; VMRUN/VMLOAD/VMSAVE take the VMCB address in RAX
	mov rbx, [rdi + G_RBX]
	mov rcx, [rdi + G_RCX]
	mov rdx, [rdi + G_RDX]
	mov rsi, [rdi + G_RSI]
	mov rbp, [rdi + G_RBP]
	mov r8,  [rdi + G_R8 + 0]
	mov r9,  [rdi + G_R8 + 8]
	mov r10, [rdi + G_R8 + 16]
	mov r11, [rdi + G_R8 + 24]
	mov r12, [rdi + G_R8 + 32]
	mov r13, [rdi + G_R8 + 40]
	mov r14, [rdi + G_R8 + 48]
	mov r15, [rdi + G_R8 + 56]
	mov rdi, [rdi + G_RDI]
	clgi
	sti
	vmload
	vmrun
	vmsave
	cli
	stgi
	xchg rdi, [rsp]         ; rdi = gprs, stack slot = guest RDI
	mov [rdi + G_RBX], rbx
	mov [rdi + G_RCX], rcx
	mov [rdi + G_RDX], rdx
	mov [rdi + G_RSI], rsi
	mov [rdi + G_RBP], rbp
	mov [rdi + G_R8 + 0], r8
	mov [rdi + G_R8 + 8], r9
	mov [rdi + G_R8 + 16], r10
	mov [rdi + G_R8 + 24], r11
	mov [rdi + G_R8 + 32], r12
	mov [rdi + G_R8 + 40], r13
	mov [rdi + G_R8 + 48], r14
	mov [rdi + G_R8 + 56], r15
	pop rax
	mov [rdi + G_RDI], rax
	pop rdx
	fxsave [rdx]
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	ret
