/* Multiboot module strings (see mb_strings.h). */
#include <multiboot.h>
#include <stdbool.h>
#include <stddef.h>
#include "mb_strings.h"

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static bool is_spec_word(const char *w)
{
	if (w[0] == '-' && w[1] == '-' && (w[2] == ' ' || w[2] == '\0'))
		return true;
	size_t key = 0;
	while (is_key_char(w[key]))
		key++;
	return key > 0 && w[key] == '=';
}

const char *mb_module_spec(const char *string)
{
	const char *first = mb_skip_blanks(string);
	return !*first || is_spec_word(first) ? first : mb_skip_word(first);
}
