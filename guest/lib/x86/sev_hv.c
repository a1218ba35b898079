/* Restricted Injection from the guest's side: the #HV doorbell page registered through
 * the GHCB ("#HV Doorbell Page" NAE event 0x8000_0014, request 1 SET with the page's GPA
 * in SW_EXITINFO2, echoed back) and the #HV handler (vector 28, no error code) that takes
 * what the hypervisor posted there. Written from the GHCB specification's layout as
 * COCONUT-SVSM's guest uses it (kernel/src/sev/hv_doorbell.rs): byte 0 the pending
 * vector, taken by swapping in 0; byte 1 flags, bit 0 NMI pending, bit 7 NoFurtherSignal,
 * cleared before looking so that a later post signals again. Each posted event runs the
 * handler trap_install gave its vector, with the #HV frame; an interrupt that arrives
 * while the interrupted code had IF clear waits (as Linux's check_hv_pending) until
 * sev_hv_run_deferred, which the library's interrupt windows call. */
#include <libtv.h>
#include <string.h>
#include "sev_guest.h"
#include "trap.h"
#include "x86_guest.h"

#define NAE_HV_DOORBELL 0x80000014ull
#define HVDB_SET 1
#define HV_VECTOR 28
#define NMI_VECTOR 2
#define FLAG_NMI 0x01u
#define FLAG_NO_FURTHER_SIGNAL 0x80u
#define RFLAGS_IF (1ull << 9)

static uint8_t doorbell[4096] __attribute__((aligned(4096)));
static bool enabled;
static volatile bool deferred;
static struct trap_frame deferred_frame;

static void run(const struct trap_frame *f, unsigned vector)
{
	struct trap_frame g = *f;
	g.vector = vector;
	g.error_code = 0;
	x86_trap_dispatch(&g);
}

static void take_vectors(const struct trap_frame *f)
{
	for (uint8_t v; (v = __atomic_exchange_n(&doorbell[0], 0, __ATOMIC_ACQ_REL)) != 0;)
		run(f, v);
}

static bool on_hv(struct trap_frame *f)
{
	uint8_t flags = __atomic_fetch_and(&doorbell[1], (uint8_t)~(FLAG_NO_FURTHER_SIGNAL | FLAG_NMI),
					   __ATOMIC_ACQ_REL);
	if (flags & FLAG_NMI)
		run(f, NMI_VECTOR);
	if (f->rflags & RFLAGS_IF) {
		take_vectors(f);
	} else {
		deferred_frame = *f;
		deferred = true;
	}
	return true;
}

bool sev_hv_doorbell_enable(uint64_t *answer_gpa)
{
	uint64_t gpa = (uint64_t)(uintptr_t)doorbell, answer[2] = { 0, 0 };
	memset(doorbell, 0, sizeof(doorbell));
	if (!sev_make_shared(gpa))
		return false;
	trap_install(HV_VECTOR, on_hv);
	sev_ghcb_request(NAE_HV_DOORBELL, HVDB_SET, gpa, NULL, answer);
	*answer_gpa = answer[1];
	enabled = (uint32_t)answer[0] == 0 && answer[1] == gpa;
	return enabled;
}

uint64_t sev_hv_doorbell_gpa(void) { return (uint64_t)(uintptr_t)doorbell; }

void sev_hv_run_deferred(void)
{
	if (!enabled || !deferred)
		return;
	deferred = false;
	take_vectors(&deferred_frame);
}
