/* EL1 vectors of a payload: save a struct trap_frame, call trap_dispatch(frame, vector
 * kind), restore (the handler may have changed pc) and return. */
#include "exc_frame.h"

	.macro	ventry kind
	.balign	0x80
	exc_frame_save 1, \kind, trap_dispatch, vrestore
	.endm

	.text
	.balign	0x800
	.global	el1_vectors
el1_vectors:
	ventry	0
	ventry	1
	ventry	2
	ventry	3
	ventry	0
	ventry	1
	ventry	2
	ventry	3
	ventry	4
	ventry	4
	ventry	4
	ventry	4
	ventry	4
	ventry	4
	ventry	4
	ventry	4

vrestore:
	exc_frame_restore 1
