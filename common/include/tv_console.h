/* The console and heap hooks newlib's system calls use (common/newlib_syscalls.c): the
 * hypervisor and the payload library each implement them. */
#ifndef TV_CONSOLE_H
#define TV_CONSOLE_H

#include <stddef.h>
#include <stdnoreturn.h>

void tv_console_write(const char *buf, size_t len);
void tv_heap_bounds(char **start, char **end);
noreturn void tv_exit(int status);

#endif
