; Payload entry: multiboot v1 (QEMU -kernel, or testvisor as the guest's loader), long
; mode, then x86_guest_start(magic, info).
%include "longmode.inc"
MULTIBOOT_ENTRY x86_guest_start

; The Linux/x86 32-bit boot protocol (a payload built as a bzImage, bzimage_setup.asm;
; testvisor's bzImage hand-over): ESI = boot_params. What the loader left is kept for
; the payload to check (struct x86_linux_entry, x86_guest.h), then the multiboot path's
; long-mode switch runs with x86_guest_start(0, boot_params, BOOT_KIND_LINUX).
section .data
align 4
global x86_linux_entry_state
x86_linux_entry_state:
.cs:     dd 0
.ds:     dd 0
.es:     dd 0
.ss:     dd 0
.ebx:    dd 0
.ebp:    dd 0
.edi:    dd 0
.esi:    dd 0
.eflags: dd 0
.cr0:    dd 0
.gdtr:   dq 0               ; limit (2 bytes), base (4 bytes)

section .text.boot
BITS 32
global linux_entry32
linux_entry32:
	mov [x86_linux_entry_state.cs], cs
	mov [x86_linux_entry_state.ds], ds
	mov [x86_linux_entry_state.es], es
	mov [x86_linux_entry_state.ss], ss
	mov [x86_linux_entry_state.ebx], ebx
	mov [x86_linux_entry_state.ebp], ebp
	mov [x86_linux_entry_state.edi], edi
	mov [x86_linux_entry_state.esi], esi
	sgdt [x86_linux_entry_state.gdtr]
	mov eax, cr0
	mov [x86_linux_entry_state.cr0], eax
	mov esp, __stack_top    ; the protocol gives no stack; pushfd needs one
	pushfd
	pop dword [x86_linux_entry_state.eflags]
	cli
	cld
	mov dword [mb_saved_magic], 0
	mov [mb_saved_info], esi
	mov dword [mb_saved_kind], BOOT_KIND_LINUX
	jmp mb_enter32
