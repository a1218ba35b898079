# s390x pure logic: the privileged-instruction decoder, the virtual channel subsystem,
# the SIE state-description set-up, the shared constants pinned to their sources.
S390_UNIT_CFLAGS := -Iarch/s390/include -Iarch/s390/isa

UNIT_TESTS += test_s390_decode
test_s390_decode_SRCS := arch/s390/insn_decode.c
test_s390_decode_CFLAGS := $(S390_UNIT_CFLAGS)

UNIT_TESTS += test_s390_css
test_s390_css_SRCS := arch/s390/css.c
test_s390_css_CFLAGS := $(S390_UNIT_CFLAGS)

UNIT_TESTS += test_s390_sie
test_s390_sie_SRCS := arch/s390/sie.c
test_s390_sie_CFLAGS := $(S390_UNIT_CFLAGS)

UNIT_TESTS += test_s390_chp_events
test_s390_chp_events_SRCS := arch/s390/chp_events.c
test_s390_chp_events_CFLAGS := $(S390_UNIT_CFLAGS)

UNIT_TESTS += test_s390_sysib
test_s390_sysib_SRCS := arch/s390/sysib.c arch/s390/ebcdic.c
test_s390_sysib_CFLAGS := $(S390_UNIT_CFLAGS)

UNIT_TESTS += test_s390_spec_constants
test_s390_spec_constants_SRCS :=
test_s390_spec_constants_CFLAGS := $(S390_UNIT_CFLAGS)

UNIT_TESTS += test_s390_dat_walk
test_s390_dat_walk_SRCS := arch/s390/guest_dat_walk.c
test_s390_dat_walk_CFLAGS := $(S390_UNIT_CFLAGS)
UNIT_TESTS += test_s390_sclp_event
test_s390_sclp_event_SRCS := arch/s390/sclp_event.c arch/s390/ebcdic.c
test_s390_sclp_event_CFLAGS := $(S390_UNIT_CFLAGS)

# Guest PER bookkeeping (docs/debug.md).
UNIT_TESTS += test_s390_debug_per
test_s390_debug_per_SRCS := arch/s390/debug_per_event.c arch/s390/debug_per_break_range.c
test_s390_debug_per_CFLAGS := $(S390_UNIT_CFLAGS)
