/* The few system calls newlib needs, for the hypervisor and for payloads alike. Output
 * goes to the console hook; the heap is a fixed range; there are no files. */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <tv_console.h>

#undef errno
extern int errno;

int _write(int fd, const char *buf, int len)
{
	if (fd != 1 && fd != 2) {
		errno = EBADF;
		return -1;
	}
	tv_console_write(buf, (size_t)len);
	return len;
}

void *_sbrk(intptr_t incr)
{
	static char *brk, *end;
	if (!brk)
		tv_heap_bounds(&brk, &end);
	if (incr < 0 || end - brk < incr) {
		errno = ENOMEM;
		return (void *)-1;
	}
	char *old = brk;
	brk += incr;
	return old;
}

noreturn void _exit(int status) { tv_exit(status); }
int _close(int fd) { errno = EBADF; return -1; }
int _read(int fd, char *buf, int len) { errno = EBADF; return -1; }
int _lseek(int fd, int off, int whence) { errno = ESPIPE; return -1; }
int _isatty(int fd) { return fd <= 2; }
int _getpid(void) { return 1; }
int _kill(int pid, int sig) { errno = EINVAL; return -1; }

int _fstat(int fd, struct stat *st)
{
	if (fd > 2) {
		errno = EBADF;
		return -1;
	}
	st->st_mode = S_IFCHR;
	return 0;
}

/* Some newlib configurations (x86_64-elf, s390x) call the system calls by their plain
 * names (MISSING_SYSCALL_NAMES): the same functions under those names. */
#define PLAIN_NAME(ret, name, args) ret name args __attribute__((weak, alias("_" #name)))
PLAIN_NAME(int, write, (int fd, const char *buf, int len));
PLAIN_NAME(void *, sbrk, (intptr_t incr));
PLAIN_NAME(int, close, (int fd));
PLAIN_NAME(int, read, (int fd, char *buf, int len));
PLAIN_NAME(int, lseek, (int fd, int off, int whence));
PLAIN_NAME(int, isatty, (int fd));
PLAIN_NAME(int, fstat, (int fd, struct stat *st));
PLAIN_NAME(int, getpid, (void));
PLAIN_NAME(int, kill, (int pid, int sig));
