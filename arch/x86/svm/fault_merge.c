/* Faults during the delivery of another event (x86/fault_merge.h). */
#include <x86/fault_merge.h>

#define CONTRIBUTORY (1u << 0 | 1u << 10 | 1u << 11 | 1u << 12 | 1u << 13)
#define VECTOR_DF 8
#define VECTOR_PF 14

static bool contributory(unsigned v) { return v < 32 && ((CONTRIBUTORY >> v) & 1); }

enum fault_merge fault_merge(bool prev_is_exception, unsigned prev, unsigned cur)
{
	if (!prev_is_exception)
		return FAULT_DELIVER;
	if (prev == VECTOR_DF)
		return FAULT_SHUTDOWN;
	if ((contributory(prev) && contributory(cur)) ||
	    (prev == VECTOR_PF && (contributory(cur) || cur == VECTOR_PF)))
		return FAULT_DOUBLE;
	return FAULT_DELIVER;
}
