/* Which ISA extensions the platform says the hart has (DTB riscv,isa-extensions). */
#ifndef GUEST_RISCV_ISA_H
#define GUEST_RISCV_ISA_H

#include <stdbool.h>

bool rv_has_extension(const char *name);

#endif
