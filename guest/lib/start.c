/* Common start-up of every payload: the architecture's entry code sets up a stack and
 * calls tv_start(); this initializes the platform, splits the command line into argv and
 * runs main(). Returning from main() or calling exit() ends up in tv_exit(). */
#include <libtv.h>
#include <platform.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tv_console.h>

#define MAX_ARGS 32
#define CMDLINE_MAX 512

int main(int argc, char **argv);

static char cmdline_copy[CMDLINE_MAX];
static char *argv_buf[MAX_ARGS + 1];

const char *tv_cmdline(void) { return platform_cmdline(); }

/* Splits on blanks; double quotes group words ("a b" is one argument). */
static int split_args(char *s, char **argv, int max)
{
	int argc = 0;
	while (*s && argc < max) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		char *out = s;
		argv[argc++] = out;
		bool quoted = false;
		while (*s && (quoted || (*s != ' ' && *s != '\t'))) {
			if (*s == '"')
				quoted = !quoted;
			else
				*out++ = *s;
			s++;
		}
		if (*s)
			s++;
		*out = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

const char *tv_arg(int argc, char **argv, const char *key)
{
	size_t klen = strlen(key);
	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], key, klen) && argv[i][klen] == '=')
			return argv[i] + klen + 1;
	return NULL;
}

void tv_start(void)
{
	platform_init();
	/* Unbuffered stdout: a payload that dies mid-line still shows what it printed. */
	setvbuf(stdout, NULL, _IONBF, 0);
	strncpy(cmdline_copy, platform_cmdline(), sizeof(cmdline_copy) - 1);
	argv_buf[0] = "payload";
	int argc = 1 + split_args(cmdline_copy, argv_buf + 1, MAX_ARGS - 1);
	exit(main(argc, argv_buf));
}

void tv_console_write(const char *buf, size_t len) { platform_write(buf, len); }

void tv_heap_bounds(char **start, char **end) { platform_heap(start, end); }

/* The exit convention of kvm-unit-tests (lib/<arch>/io.c exit()): the line carries
 * (code << 1) | 1, the number QEMU's isa-debug-exit turns code into. Written directly:
 * exit() has closed newlib's streams by the time tv_exit runs. */
void tv_print_exit_line(int code)
{
	char line[40];
	int n = snprintf(line, sizeof(line), "EXIT: STATUS=%d\n", (int)(((unsigned)code << 1) | 1));
	platform_write(line, (size_t)n);
}

noreturn void tv_exit(int status)
{
	tv_print_exit_line(status);
	platform_exit(status);
}

/* Default per-char write loop; an architecture with a block console defines its own. */
__attribute__((weak)) void platform_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			platform_putc('\r');
		platform_putc(buf[i]);
	}
}

/* Default heap: from the linker script's end of image to a fixed size past it. */
extern char __heap_start[], __heap_end[];
__attribute__((weak)) void platform_heap(char **start, char **end)
{
	*start = __heap_start;
	*end = __heap_end;
}
