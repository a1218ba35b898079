/* Address spaces as distinct types: a host-physical address (paddr_t), a guest-physical
 * address (ipaddr_t) and a hypervisor virtual address (vaddr_t) are different structs, so
 * passing one where another is expected does not compile. Convert only through the
 * functions below, which make every crossing visible. */
#ifndef HV_ADDR_H
#define HV_ADDR_H

#include <stdint.h>
#include <stddef.h>

typedef struct { uintptr_t pa; } paddr_t;   /* host-physical */
typedef struct { uint64_t ipa; } ipaddr_t;  /* guest-physical (intermediate physical) */
typedef struct { uintptr_t va; } vaddr_t;   /* hypervisor virtual */

static inline paddr_t pa_init(uintptr_t v) { return (paddr_t){ v }; }
static inline uintptr_t pa_addr(paddr_t a) { return a.pa; }
static inline paddr_t pa_add(paddr_t a, size_t n) { return (paddr_t){ a.pa + n }; }
static inline size_t pa_difference(paddr_t lo, paddr_t hi) { return hi.pa - lo.pa; }

static inline ipaddr_t ipa_init(uint64_t v) { return (ipaddr_t){ v }; }
static inline uint64_t ipa_addr(ipaddr_t a) { return a.ipa; }
static inline ipaddr_t ipa_add(ipaddr_t a, uint64_t n) { return (ipaddr_t){ a.ipa + n }; }

static inline vaddr_t va_init(uintptr_t v) { return (vaddr_t){ v }; }
static inline uintptr_t va_addr(vaddr_t a) { return a.va; }

/* testvisor runs identity-mapped on every architecture: a host-physical address is the
 * hypervisor's virtual address. These two functions are the only place that assumes it. */
static inline void *ptr_from_pa(paddr_t a) { return (void *)a.pa; }
static inline paddr_t pa_from_ptr(const void *p) { return (paddr_t){ (uintptr_t)p }; }

#define PAGE_SIZE 4096UL
#define PAGE_ALIGN_UP(x) (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define IS_PAGE_ALIGNED(x) (((x) & (PAGE_SIZE - 1)) == 0)

#endif
