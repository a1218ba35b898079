; testvisor's multiboot v1 entry: long mode, then x86_boot_main(magic, info).
%include "arch/x86/include/x86/longmode.inc"
MULTIBOOT_ENTRY x86_boot_main
