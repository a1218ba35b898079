/* Interruption handling for s390x payloads. Vectors: program-interruption codes
 * (PGM_OPERATION, PGM_PRIVILEGED_OP, ... up to 0x7f) and, above them, the other
 * interruption classes (TRAP_SVC, TRAP_EXT, TRAP_IO, TRAP_MCCK). A handler returns true
 * when it handled the interruption; execution resumes at frame->psw (which it may
 * change). An unexpected one prints the frame and aborts the payload. */
#ifndef GUEST_S390_TRAP_H
#define GUEST_S390_TRAP_H

#include <stdbool.h>
#include <stdint.h>
#include <s390_arch.h>

enum trap_class { TRAP_CLASS_PGM, TRAP_CLASS_SVC, TRAP_CLASS_EXT, TRAP_CLASS_IO, TRAP_CLASS_MCCK };

#define TRAP_PGM_VECTORS 0x80
#define TRAP_SVC  (TRAP_PGM_VECTORS + TRAP_CLASS_SVC)
#define TRAP_EXT  (TRAP_PGM_VECTORS + TRAP_CLASS_EXT)
#define TRAP_IO   (TRAP_PGM_VECTORS + TRAP_CLASS_IO)
#define TRAP_MCCK (TRAP_PGM_VECTORS + TRAP_CLASS_MCCK)
#define TRAP_VECTORS (TRAP_PGM_VECTORS + 5)

struct trap_frame {
	uint64_t gprs[16];
	uint64_t psw_mask, psw_addr;  /* the old PSW: where execution resumes */
	/* Filled by trap_dispatch from the lowcore: */
	enum trap_class cls;
	uint16_t code;       /* program/SVC interruption code, external interruption code */
	uint16_t ilc;        /* instruction length in bytes (program, SVC) */
	uint64_t tea;        /* translation-exception address (program) */
	uint32_t ext_param;  /* external interruption parameter */
	uint16_t ext_cpu;
	uint32_t io_sid, io_param, io_word;
	uint64_t mcic;
};

typedef bool (*trap_handler_t)(struct trap_frame *f);
void trap_install(unsigned vector, trap_handler_t h);
void trap_dispatch(enum trap_class cls, struct trap_frame *f);

/* Catches every program interruption between pgm_expect_begin() and pgm_expect_end()
 * (for instructions whose exception suppresses or terminates them: execution continues
 * after the instruction). pgm_expect_end returns the first code seen, 0 if none. */
void pgm_expect_begin(void);
uint16_t pgm_expect_end(void);
trap_handler_t trap_get(unsigned vector);

#endif
