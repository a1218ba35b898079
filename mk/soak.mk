# make soak ARCH=<arch> [SOAK_S=<seconds>]: the fuzzers, the canary guest and the hostile
# guests, round after round for SOAK_S seconds (tests/soak.sh, docs/HARDENING.md).
SOAK_S ?= 60
.PHONY: soak
ifeq ($(ARCH),)
soak:
	@echo "make soak needs ARCH=<arch> (one architecture at a time)" >&2; exit 2
else
soak: all
	@bash tests/soak.sh $(ARCH) $(SOAK_S)
endif
