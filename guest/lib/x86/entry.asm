; Payload entry: multiboot v1 (QEMU -kernel, or testvisor as the guest's loader), long
; mode, then x86_guest_start(magic, info).
%include "arch/x86/include/x86/longmode.inc"
MULTIBOOT_ENTRY x86_guest_start
