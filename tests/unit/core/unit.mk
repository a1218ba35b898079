UNIT_TESTS += test_alloc test_config test_results test_loader test_fdt test_devices test_break_config
test_alloc_SRCS := hv/alloc.c
test_config_SRCS := hv/config.c
test_results_SRCS := hv/results.c
test_loader_SRCS := hv/loader.c hv/bzimage.c tests/unit/core/elf_image.c
# x86 bzImages: the header, placement, QEMU's initrd address, the zero page.
UNIT_TESTS += test_bzimage
test_bzimage_SRCS := hv/loader.c hv/bzimage.c
test_fdt_SRCS := hv/fdt.c common/fdt_read.c
test_devices_SRCS := hv/dev/uart16550.c hv/dev/pl011.c hv/dev/exit_devices.c hv/dev/fw_cfg.c \
	hv/dev/pl031.c hv/dev/goldfish_rtc.c
test_break_config_SRCS := common/break_config.c

# The run loop and VMs on the fake architecture (tests/unit/fake_arch/).
RUN_LOOP_SRCS := hv/run.c hv/integrity.c hv/vm.c hv/config.c hv/results.c hv/loader.c hv/bzimage.c hv/alloc.c \
	hv/trace_log.c common/trace_config.c \
	hv/dev/uart16550.c hv/dev/exit_devices.c tests/unit/fake_arch/fake_arch.c \
	tests/unit/core/run_fixture.c tests/unit/core/elf_image.c
UNIT_TESTS += test_run test_run_noprobe
test_run_SRCS := $(RUN_LOOP_SRCS)
test_run_noprobe_SRCS := $(RUN_LOOP_SRCS)
# hv_main with the built-in self-check, on the same fake architecture.
UNIT_TESTS += test_main
test_main_SRCS := $(RUN_LOOP_SRCS) hv/main.c hv/selfcheck.c hv/fdt.c common/fdt_read.c
# Hostile guests and testvisor's check of itself after each guest (docs/HARDENING.md).
UNIT_TESTS += test_hardening
test_hardening_SRCS := $(RUN_LOOP_SRCS) hv/dev/pl011.c
# The step log of trace= shared by the architectures that step their guests.
UNIT_TESTS += test_trace_log
test_trace_log_SRCS := $(RUN_LOOP_SRCS)
UNIT_TESTS += test_dtb_diff
test_dtb_diff_SRCS := tests/dtb/dtb_diff.c hv/fdt.c
test_dtb_diff_CFLAGS := -Itests/dtb
UNIT_TESTS += test_cpio_newc
test_cpio_newc_SRCS := common/cpio_newc.c
UNIT_TESTS += test_aes_gcm
test_aes_gcm_SRCS := common/aes_gcm.c
test_aes_gcm_CFLAGS := -Icommon/include
test_aes_gcm_LDLIBS := -lcrypto
# SHA-384 and HMAC-SHA-384 against FIPS 180-4, RFC 4231 and OpenSSL.
UNIT_TESTS += test_sha384
test_sha384_SRCS := common/sha384.c common/hmac_sha384.c
test_sha384_CFLAGS := -Icommon/include
test_sha384_LDLIBS := -lcrypto
# ECDSA P-384 with RFC 6979 nonces against RFC 6979 A.2.6 and OpenSSL.
UNIT_TESTS += test_p384_ecdsa
test_p384_ecdsa_SRCS := common/p384_ecdsa.c common/sha384.c common/hmac_sha384.c
test_p384_ecdsa_CFLAGS := -Icommon/include
test_p384_ecdsa_LDLIBS := -lcrypto
