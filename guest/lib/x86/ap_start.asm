; The application processor's way from the real mode a STARTUP IPI leaves it in (CS =
; vector << 8, IP 0) to 64-bit long mode on the BSP's page tables, then a C function.
; x86_ap_prepare() copies this to AP_BASE, below 1 MiB where a SIPI vector can point, and
; fills the data words at its end. Intel SDM vol. 3 §9.4 (MP initialization), §9.8
; (switching to long mode); the same steps as longmode.inc for the BSP.

%define AP_BASE         0x8000
%define CR0_PE          (1 << 0)
%define CR0_MP          (1 << 1)
%define CR0_PG          (1 << 31)
%define CR4_PAE         (1 << 5)
%define CR4_OSFXSR      (1 << 9)
%define CR4_OSXMMEXCPT  (1 << 10)
%define MSR_EFER        0xC0000080
%define EFER_LME        (1 << 8)
%define AT(label)       (AP_BASE + (label) - x86_ap_trampoline)

global x86_ap_trampoline, x86_ap_trampoline_end
global x86_ap_cr3, x86_ap_stack, x86_ap_entry

section .rodata
align 16
bits 16
x86_ap_trampoline:
	cli
	xor ax, ax
	mov ds, ax
	lgdt [AT(ap_gdt_ptr)]
	mov eax, cr0
	or eax, CR0_PE
	mov cr0, eax
	jmp dword 0x08:AT(ap_pm32)
bits 32
ap_pm32:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov eax, cr4
	or eax, CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT
	mov cr4, eax
	mov eax, [AT(x86_ap_cr3)]
	mov cr3, eax
	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_LME
	wrmsr
	mov eax, cr0
	or eax, CR0_PG | CR0_MP
	and eax, ~(1 << 2)              ; EM off: SSE for the C code
	mov cr0, eax
	jmp 0x18:AT(ap_lm64)
bits 64
ap_lm64:
	xor eax, eax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov rsp, [AT(x86_ap_stack)]
	mov rax, [AT(x86_ap_entry)]
	call rax
.spin:
	pause                           ; not HLT: nothing would ever wake it
	jmp .spin

align 8
ap_gdt:
	dq 0
	dq 0x00cf9a000000ffff           ; 0x08: 32-bit code
	dq 0x00cf92000000ffff           ; 0x10: data
	dq 0x00af9a000000ffff           ; 0x18: 64-bit code
ap_gdt_ptr:
	dw ap_gdt_ptr - ap_gdt - 1
	dd AT(ap_gdt)
align 8
x86_ap_cr3:   dq 0
x86_ap_stack: dq 0
x86_ap_entry: dq 0
x86_ap_trampoline_end:
