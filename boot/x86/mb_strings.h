/* The guest spec in a multiboot module string. Pure logic, host-tested. */
#ifndef BOOT_X86_MB_STRINGS_H
#define BOOT_X86_MB_STRINGS_H

/* The guest spec ("name=x key=value ... -- guest args") in a module string, whichever
 * convention the loader follows: QEMU writes the image's path first, GRUB 2 only the
 * arguments. The first word is the path, and dropped, unless it is a spec word: `--`, or
 * key=value with a non-empty key of letters, digits and '_' (so a word with '/' before
 * its '=' is a path). A file named like key=value is given with a directory (./a=b). */
const char *mb_module_spec(const char *string);

#endif
