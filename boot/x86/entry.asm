; testvisor's multiboot v1 (and 64-bit UEFI-stage) entry: long mode, then
; x86_boot_main(magic, info, boot kind, RSDP).
%include "longmode.inc"
MULTIBOOT_ENTRY x86_boot_main
