/* The guest-spec keys riscv64 reads (the core refuses any other; docs/riscv.md). */
#include <hv/arch_if.h>

/* riscv64 has no keys of its own yet: a zero-length table is not valid C, so the one entry
 * is a terminator that the count leaves out. */
const struct config_key arch_config_keys[] = { { 0, 0 } };
const unsigned arch_config_key_count = 0;
