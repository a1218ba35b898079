#!/usr/bin/env python3
"""Writes the device configuration lava-run needs for a testvisor qemu job: what a LAVA
server renders from its qemu device type (qemu.jinja2) for the job's context, on a worker
without KVM. lava-check runs the dispatcher alone, so nothing renders it for us.
Usage: qemu-device.py <job.yaml>  (the device configuration goes to stdout)"""
import sys

import yaml

QEMU_BINARY = {"x86_64": "qemu-system-x86_64", "arm64": "qemu-system-aarch64",
               "riscv64": "qemu-system-riscv64", "s390x": "qemu-system-s390x"}


def qemu_options(ctx):
    """The options qemu.jinja2 puts before the job's extra_options, in its order."""
    arch = ctx["arch"]
    opts = []
    if arch == "riscv64":
        opts += ["-machine " + ctx.get("machine", "virt"), "-cpu " + ctx.get("cpu", "rv64")]
    if arch == "arm64":
        opts += ["-cpu " + ctx.get("cpu", "cortex-a57"), "-machine " + ctx.get("machine", "virt")]
    elif not ctx.get("no_kvm"):
        opts += ["-cpu host", "-enable-kvm"]
    opts += ["-nographic",
             "-net nic,model=virtio,macaddr=52:54:00:12:34:58 -net user",
             "-m %s" % ctx.get("memory", 512),
             "-monitor none"]
    return opts


def main():
    with open(sys.argv[1]) as f:
        job = yaml.safe_load(f)
    ctx = job["context"]
    boot = {"command": QEMU_BINARY[ctx["arch"]], "options": qemu_options(ctx)}
    if ctx.get("extra_options"):
        boot["extra"] = ctx["extra_options"]
    device = {
        "device_type": "qemu",
        "available_architectures": sorted(QEMU_BINARY),
        "constants": {
            "shutdown-message": "The system is going down for reboot NOW",
            "kernel-start-message": "Linux version [0-9]",
            "default-shell-prompt": "lava-test: # ",
            "spawn_maxread": "4092",
            "failure_retry": 1,
            "boot_retry": 1,
            "posix": {"lava_test_sh_cmd": "/bin/sh", "lava_test_results_dir": "/lava-%s",
                      "lava_test_shell_file": "~/.bashrc"},
        },
        "commands": {},
        "actions": {
            "deploy": {"connections": {"serial": None},
                       "methods": {"image": {"parameters": {
                           "guest": {"size": 512, "interface": "ide", "driveid": "lavatest"}}}}},
            "boot": {"connections": {"serial": None},
                     "methods": {"qemu": {"parameters": boot}}},
        },
        "timeouts": {"actions": {}, "connections": {}},
    }
    yaml.safe_dump(device, sys.stdout, default_flow_style=False, sort_keys=False)


if __name__ == "__main__":
    main()
