/* Stage-2 tables of a VM (stage2.c). */
#ifndef ARCH_ARM64_STAGE2_H
#define ARCH_ARM64_STAGE2_H

#include <stdint.h>

struct vm;
int stage2_init(struct vm *vm);
void stage2_destroy(struct vm *vm);
uint64_t stage2_vtcr(void);
uint64_t stage2_vttbr(const struct vm *vm);

#endif
