; Payload entry: multiboot v1 (QEMU -kernel, or testvisor as the guest's loader), long
; mode, then x86_guest_start(magic, info).
%include "longmode.inc"
MULTIBOOT_ENTRY x86_guest_start
