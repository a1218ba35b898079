/* newlib 3.3 has no s390x entry of its own, so it is configured with
 * MISSING_SYSCALL_NAMES: its reentrant wrappers call write, sbrk, ... without the
 * underscore. These forward them to the common stubs (common/newlib_syscalls.c).
 * Built into both testvisor and the payload library (see arch/s390/build.mk). */
#include <stdint.h>
#include <sys/stat.h>

int _write(int fd, const char *buf, int len);
void *_sbrk(intptr_t incr);
int _close(int fd);
int _read(int fd, char *buf, int len);
int _lseek(int fd, int off, int whence);
int _isatty(int fd);
int _fstat(int fd, struct stat *st);
int _getpid(void);
int _kill(int pid, int sig);

int write(int fd, const char *buf, int len) { return _write(fd, buf, len); }
void *sbrk(intptr_t incr) { return _sbrk(incr); }
int close(int fd) { return _close(fd); }
int read(int fd, char *buf, int len) { return _read(fd, buf, len); }
int lseek(int fd, int off, int whence) { return _lseek(fd, off, whence); }
int isatty(int fd) { return _isatty(fd); }
int fstat(int fd, struct stat *st) { return _fstat(fd, st); }
int getpid(void) { return _getpid(); }
int kill(int pid, int sig) { return _kill(pid, sig); }
