; The real-mode part of a payload built as a bzImage (arch/x86/build.mk): a setup header
; (Documentation/arch/x86/boot.rst) and the least of what Linux's setup code does before
; its 32-bit entry, so that QEMU's -kernel boots the payload through SeaBIOS and its
; linuxboot option ROM: a fresh zeroed boot_params with the header copied in, the e820
; map from INT 15h AX=E820h, then 32-bit protected mode by the 32-bit boot protocol's
; rules (CS = 0x10, DS = ES = SS = 0x18, ESI = boot_params, EBX = EBP = EDI = 0) and a
; jump to code32_start. testvisor does not run this part: it builds boot_params itself.
;
; nasm -f bin, with -D: CODE32_START (the payload's linux_entry32), PROT_SIZE (bytes of
; the protected-mode part), INIT_SIZE (its footprint from 1 MiB), PROTOCOL (the header's
; version; the build makes one too old for testvisor on purpose).

%ifndef PROTOCOL
%define PROTOCOL 0x020f
%endif
SETUP_SECTS   equ 3                   ; the setup part: (3 + 1) * 512 bytes
SETUP_SIZE    equ (SETUP_SECTS + 1) * 512
ZP            equ 0x1000              ; boot_params, past the setup part in its segment
ZP_SIZE       equ 0x1000
BP_E820_COUNT equ 0x1e8
BP_E820_TABLE equ 0x2d0
E820_MAX      equ 128
E820_SIZE     equ 20
SMAP          equ 0x534d4150          ; "SMAP"
STACK_TOP     equ 0xf000              ; below QEMU's heap_end (cmdline_addr - real_addr - 0x200)
SEL_CODE      equ 0x10                ; __BOOT_CS
SEL_DATA      equ 0x18                ; __BOOT_DS
HDR_JUMP_LEN  equ 0x201
HDR_CODE32    equ 0x214

BITS 16
ORG 0
	times 0x1f1 - ($ - $$) db 0
	db SETUP_SECTS                ; 0x1f1 setup_sects
	dw 0                          ; 0x1f2 root_flags
	dd (PROT_SIZE + 15) / 16      ; 0x1f4 syssize
	dw 0                          ; 0x1f8 ram_size
	dw 0xffff                     ; 0x1fa vid_mode: normal
	dw 0                          ; 0x1fc root_dev
	dw 0xaa55                     ; 0x1fe boot_flag
	db 0xeb, setup_start - 0x202  ; 0x200 jump (its offset ends the header)
	db "HdrS"                     ; 0x202 header
	dw PROTOCOL                   ; 0x206 version
	dd 0                          ; 0x208 realmode_swtch
	dw 0                          ; 0x20c start_sys_seg
	dw 0                          ; 0x20e kernel_version
	db 0                          ; 0x210 type_of_loader: the loader's
	db 0x01                       ; 0x211 loadflags: LOADED_HIGH
	dw 0                          ; 0x212 setup_move_size
	dd CODE32_START               ; 0x214 code32_start
	dd 0                          ; 0x218 ramdisk_image: the loader's
	dd 0                          ; 0x21c ramdisk_size: the loader's
	dd 0                          ; 0x220 bootsect_kludge
	dw 0                          ; 0x224 heap_end_ptr
	db 0                          ; 0x226 ext_loader_ver
	db 0                          ; 0x227 ext_loader_type
	dd 0                          ; 0x228 cmd_line_ptr: the loader's
	dd 0x7fffffff                 ; 0x22c initrd_addr_max
	dd 0x200000                   ; 0x230 kernel_alignment
	db 0                          ; 0x234 relocatable_kernel
	db 0                          ; 0x235 min_alignment
	dw 0                          ; 0x236 xloadflags
	dd 2047                       ; 0x238 cmdline_size
	dd 0                          ; 0x23c hardware_subarch
	dq 0                          ; 0x240 hardware_subarch_data
	dd 0                          ; 0x248 payload_offset
	dd 0                          ; 0x24c payload_length
	dq 0                          ; 0x250 setup_data
	dq 0x100000                   ; 0x258 pref_address
	dd INIT_SIZE                  ; 0x260 init_size
	dd 0                          ; 0x264 handover_offset
	dd 0                          ; 0x268 kernel_info_offset

; Entered at (setup segment + 0x20):0, i.e. here; first CS becomes the setup segment, so
; that offsets from ORG 0 hold.
setup_start:
	cli
	cld
	mov ax, cs
	sub ax, 0x20
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, STACK_TOP
	push ax
	push word .in_segment
	retf
.in_segment:
	in al, 0x92                   ; A20 on (fast A20 gate), no reset
	or al, 0x02
	and al, 0xfe
	out 0x92, al

	mov di, ZP                    ; a fresh boot_params ...
	xor ax, ax
	mov cx, ZP_SIZE / 2
	rep stosw
	mov si, 0x1f1                 ; ... with the setup header as the loader left it
	mov di, ZP + 0x1f1
	movzx cx, byte [HDR_JUMP_LEN]
	add cx, 0x202 - 0x1f1
	rep movsb

	xor ebx, ebx                  ; the e820 map, entry by entry
	xor bp, bp
	mov di, ZP + BP_E820_TABLE
.e820:
	mov eax, 0xe820
	mov edx, SMAP
	mov ecx, E820_SIZE
	int 0x15
	jc .e820_done
	cmp eax, SMAP
	jne .e820_done
	inc bp
	add di, E820_SIZE
	cmp bp, E820_MAX
	jae .e820_done
	test ebx, ebx
	jnz .e820
.e820_done:
	cli
	mov ax, bp
	mov [ZP + BP_E820_COUNT], al

	xor ebx, ebx                  ; linear addresses of the GDT and the 32-bit code
	mov bx, ds
	shl ebx, 4
	lea eax, [ebx + gdt]
	mov [gdt_ptr + 2], eax
	lea eax, [ebx + pm32]
	mov [pm_ptr], eax
	lea esi, [ebx + ZP]
	o32 lgdt [gdt_ptr]
	mov eax, cr0
	or al, 1
	mov cr0, eax
	jmp dword far [pm_ptr]

BITS 32
pm32:
	mov ax, SEL_DATA
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax
	mov eax, [esi + HDR_CODE32]
	xor ebx, ebx
	xor ebp, ebp
	xor edi, edi
	jmp eax

align 8
gdt:
	dq 0
	dq 0
	dq 0x00cf9a000000ffff         ; 0x10: flat 32-bit code, execute/read
	dq 0x00cf92000000ffff         ; 0x18: flat data, read/write
gdt_ptr:
	dw 31
	dd 0
pm_ptr:
	dd 0
	dw SEL_CODE

%if ($ - $$) > SETUP_SIZE
%error "the setup part outgrew its sectors"
%endif
	times SETUP_SIZE - ($ - $$) db 0
