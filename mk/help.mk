# make help: the targets and variables a user types.
.PHONY: help
help:
	@echo 'testvisor: make [target] [VARIABLE=value ...]'
	@echo
	@echo 'Targets:'
	@echo '  all (default)  build testvisor and the payloads (every architecture, or ARCH=<arch>)'
	@echo '  check          build, host unit tests, fuzz smoke, runner self-test, every payload; ends "N passed, N failed[, N skipped]"'
	@echo '  run            boot testvisor with its built-in suite under QEMU (ARCH=<arch>, default $(RUN_ARCH))'
	@echo '  unit           host unit tests only'
	@echo '  fuzz           host libFuzzer targets, FUZZ_S seconds each, with executions and coverage (docs/HARDENING.md)'
	@echo '  fuzz-smoke     each fuzz target about 3 seconds; ends "fuzz: N passed, N failed" (part of check)'
	@echo '  image          bootable disk images (x86_64, arm64: GPT + EFI system partition; s390x: IPL disk)'
	@echo '  bench          exit round-trip benchmarks (docs/PERFORMANCE.md)'
	@echo '  soak           fuzzers and hostile guests, round after round (ARCH=<arch> required; docs/HARDENING.md)'
	@echo '  linux-guest    Debian'"'"'s arm64, riscv64 and x86_64 kernels with a busybox initramfs on QEMU and as testvisor guests, 2 CPUs (LINUX_ARCHS=<arch> for one; docs/linux-guest.md)'
	@echo '  dtb-compare    the guest device trees (arm64, riscv64) against QEMU virt'"'"'s, node by node (docs/device-tree.md)'
	@echo '  lava           LAVA job definitions for the images (ARCH=<arch>, BOARD=<board>; docs/lava.md)'
	@echo '  lava-check     run the QEMU LAVA jobs with lava-run and compare with the runner (docs/lava.md)'
	@echo '  setup          install what is missing (scripts/setup.sh; make runs it once by itself)'
	@echo '  clean          remove build output (keeps the newlib cache and fresh-debian.sh'"'"'s base tarball); distclean: all of build/'
	@echo '  help           this text'
	@echo
	@echo 'Variables:'
	@echo '  ARCH=<arch>    one of: $(ARCHS)'
	@echo '  GROUP=<group>  check: only manifest entries in that group'
	@echo '  TESTS=<glob>   check: only tests whose name matches'
	@echo '  SOAK_S=<s>     soak: seconds to run (default 60)'
	@echo '  FUZZ_S=<s>     fuzz: seconds per target (default 60)'
	@echo '  BOARD=<board>  lava: a real-board template as well as the QEMU job (docs/lava.md)'
	@echo '  LAVA_IMAGE_URL=<url>  lava: where the lab serves build/<arch>/ (default: file:// here)'
	@echo
	@echo 'The runner itself: tests/run --help. Results: build/results/ (one log per test, TAP, JUnit XML).'
