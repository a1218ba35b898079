/* What a fault raised while another event was being delivered becomes (Intel SDM vol. 3
 * §6.15 "Exception and Interrupt Reference", Interrupt 8, Table 6-5; AMD APM vol. 2
 * §8.2.9): a contributory fault (#DE, #TS, #NP, #SS, #GP) during a contributory one, or a
 * contributory fault or #PF during a #PF, is a #DF; anything during a #DF is a shutdown
 * (triple fault); otherwise the new fault is delivered. testvisor needs it where it gives
 * back a fault it intercepted: the CPU no longer sees the two together. Pure. */
#ifndef X86_FAULT_MERGE_H
#define X86_FAULT_MERGE_H

#include <stdbool.h>

enum fault_merge { FAULT_DELIVER, FAULT_DOUBLE, FAULT_SHUTDOWN };

/* `prev_is_exception`: the event being delivered was a hardware exception (not an
 * interrupt, NMI or software interrupt) with vector `prev`. */
enum fault_merge fault_merge(bool prev_is_exception, unsigned prev, unsigned cur);

#endif
