; testvisor's multiboot v1 entry: long mode, then x86_boot_main(magic, info).
%include "longmode.inc"
MULTIBOOT_ENTRY x86_boot_main
