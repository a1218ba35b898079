/* SBI DBTR (SBI v3.0 §19 "Debug Triggers Extension") in testvisor: the firmware's
 * triggers testvisor asks for (dbtr_fw.c, for break= and for guests), and the guest's
 * own DBTR (sbi_dbtr.c), whose pure rules (what a guest may install, how its modes map
 * onto VS/VU, index sets and ranges) are in dbtr_guest.c, host unit-tested. */
#ifndef RV_DBTR_H
#define RV_DBTR_H

#include <stdbool.h>
#include <stdint.h>
#include <arch_types.h>

/* mcontrol6 (RISC-V Debug Specification 1.0, 5.7.17 "Match Control Type 6"). */
#define MC6_TYPE          6ull
#define MC6_TYPE_SHIFT    60
#define MC6_DMODE         (1ull << 59)
#define MC6_RESERVED_HI   (((1ull << 59) - 1) & ~((1ull << 27) - 1))   /* bits 58:27 */
#define MC6_UNCERTAIN     (1ull << 26)
#define MC6_HIT1          (1ull << 25)
#define MC6_VS            (1ull << 24)
#define MC6_VU            (1ull << 23)
#define MC6_HIT0          (1ull << 22)
#define MC6_RESERVED_LO   (3ull << 19)                                  /* bits 20:19 */
#define MC6_ACTION        (0xfull << 12)
#define MC6_CHAIN         (1ull << 11)
#define MC6_M             (1ull << 6)
#define MC6_UNCERTAINEN   (1ull << 5)
#define MC6_S             (1ull << 4)
#define MC6_U             (1ull << 3)
#define MC6_EXECUTE       (1ull << 2)
/* Bits the hart writes (status), never a request: hit0, hit1, uncertain. */
#define MC6_STATUS        (MC6_HIT0 | MC6_HIT1 | MC6_UNCERTAIN)

static inline unsigned tdata1_type(uint64_t tdata1) { return (unsigned)(tdata1 >> 60); }

/* ---- The firmware's DBTR (dbtr_fw.c): one trigger per call, testvisor's shared memory. */
/* Whether the firmware has DBTR with mcontrol6 triggers and took testvisor's shared
 * memory (asked once). */
bool rv_fw_dbtr_ready(void);
/* The firmware's mcontrol6 trigger count (0 without a usable DBTR). */
unsigned rv_fw_dbtr_count(void);
/* Installs one trigger; SBI error, *idx = the firmware's index. */
long rv_fw_dbtr_install(uint64_t tdata1, uint64_t tdata2, unsigned *idx);
void rv_fw_dbtr_uninstall(unsigned idx);

/* ---- Pure rules of the guest's DBTR (dbtr_guest.c). */
/* How many triggers a guest has: the firmware's mcontrol6 triggers less those break=
 * holds for its VM, at most RV_DBTR_GUEST_MAX. */
unsigned rv_dbtr_guest_max(unsigned fw_count, unsigned break_triggers);
/* An install/update configuration: SBI_SUCCESS or the error to answer. */
long rv_dbtr_check(uint64_t tdata1, uint64_t tdata3);
/* tdata1 as kept for the guest: status bits and VS/VU (hard-wired 0 on the guest's hart,
 * which has no H extension) cleared. */
uint64_t rv_dbtr_guest_tdata1(uint64_t tdata1);
/* tdata1 for the firmware: the guest's S becomes VS, its U becomes VU; S, U, M clear; no
 * mode at all when disabled. */
uint64_t rv_dbtr_host_tdata1(uint64_t guest_tdata1, bool enabled);
/* read_triggers: trig_state and tdata1 of a guest trigger (zeros when not installed). */
uint64_t rv_dbtr_state_word(const struct rv_dbtr_trig *t);
uint64_t rv_dbtr_read_tdata1(const struct rv_dbtr_trig *t);
/* read_triggers: [base, base + count) within max. */
bool rv_dbtr_range_ok(unsigned long base, unsigned long count, unsigned max);
/* uninstall/enable/disable: every index base + i (bit i of mask) below max and installed. */
bool rv_dbtr_set_ok(const struct rv_dbtr_state *s, unsigned max, unsigned long base,
		    unsigned long mask);
/* set_shmem arguments other than "disable" (-1, -1): SBI_SUCCESS or the error. */
long rv_dbtr_shmem_args(unsigned long lo, unsigned long hi, unsigned long flags);

/* ---- The guest's DBTR (sbi_dbtr.c). */
struct vcpu;
/* Firmware triggers of the vCPU put on (when it goes on the hart) or taken off the hart;
 * reset clears its triggers and shared memory (vCPU reset, HSM start). */
void rv_dbtr_load(struct vcpu *vcpu);
void rv_dbtr_unload(struct vcpu *vcpu);
void rv_dbtr_reset(struct vcpu *vcpu);

#endif
