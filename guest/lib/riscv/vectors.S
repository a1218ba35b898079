/* Payload trap entry: every register into a struct trap_frame, then trap_dispatch(). */
#include <riscv_csr.h>
#include <trap_entry.S.h>

	TRAP_ENTRY trap_entry, trap_dispatch
