UNIT_TESTS += test_alloc test_config test_results test_loader test_fdt test_devices
test_alloc_SRCS := hv/alloc.c
test_config_SRCS := hv/config.c
test_results_SRCS := hv/results.c
test_loader_SRCS := hv/loader.c
test_fdt_SRCS := hv/fdt.c common/fdt_read.c
test_devices_SRCS := hv/dev/uart16550.c hv/dev/pl011.c hv/dev/exit_devices.c
