#!/usr/bin/env bash
# Installs everything testvisor needs on a Debian 12 machine. Idempotent: prints nothing
# and exits 0 when every tool is already present. Adds the bookworm-backports suite (for
# QEMU 10 and OpenSBI 1.5), derived from the machine's own Debian apt entry.
set -euo pipefail
. "$(dirname "$0")/debian-apt-entry.sh"

# Commands and files that prove a package is present, with the package that provides each.
# Backports packages are marked with a leading '+'.
REQUIRED=(
  # The native toolchain (host unit tests, newlib's configure, the x86 EFI stage) and what
  # the build itself runs: make, git (tests/no-relative-includes.sh), grub-mkrescue.
  "gcc:gcc" "/usr/include/stdio.h:libc6-dev" "ld:binutils" "objcopy:binutils" "make:make"
  "git:git" "grub-mkrescue:grub-common"
  # tests/linux: unpacking Debian's kernel package, making the initramfs.
  "dpkg-deb:dpkg" "cpio:cpio"
  "qemu-system-x86_64:+qemu-system-x86"
  "qemu-system-aarch64:+qemu-system-arm"
  "qemu-system-riscv64:+qemu-system-misc"
  "qemu-system-s390x:+qemu-system-s390x"
  "hercules:hercules"
  "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin:+opensbi"
  "/usr/share/OVMF/OVMF_CODE_4M.fd:ovmf"
  "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd:qemu-efi-aarch64"
  "/usr/lib/crt0-efi-x86_64.o:gnu-efi"
  "nasm:nasm"
  "aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu"
  "riscv64-linux-gnu-gcc:gcc-riscv64-linux-gnu"
  "s390x-linux-gnu-gcc:gcc-s390x-linux-gnu"
  "/usr/src/newlib/newlib-3.3.0.tar.xz:newlib-source"
  "/usr/include/cmocka.h:libcmocka-dev"
  # AES-256-GCM's unit test compares against OpenSSL (tests/unit/core/test_aes_gcm.c).
  "/usr/include/openssl/evp.h:libssl-dev"
  "mcopy:mtools"
  "mkfs.fat:dosfstools"
  "sgdisk:gdisk"
  "dtc:device-tree-compiler"
  "xz:xz-utils"
  "timeout:coreutils"
  "bochs:bochs" "/usr/share/bochs/BIOS-bochs-latest:bochsbios" "/usr/share/vgabios/vgabios.bin:vgabios"
  "/usr/lib/grub/i386-pc/multiboot.mod:grub-pc-bin" "xorriso:xorriso"
  # Host fuzzing (make fuzz, mk/fuzz.mk): clang 14 and its libFuzzer and sanitizer runtimes.
  "clang-14:clang-14"
  "/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev"
)

have() {
  case "$1" in
    /*) [ -e "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

missing_main=()
missing_bpo=()
for entry in "${REQUIRED[@]}"; do
  probe=${entry%%:*}
  pkg=${entry#*:}
  have "$probe" && continue
  case "$pkg" in
    +*) missing_bpo+=("${pkg#+}") ;;
    *) missing_main+=("$pkg") ;;
  esac
done

# QEMU from plain bookworm is 7.2 (no FEAT_FGT): insist on version 10 or newer.
if have qemu-system-aarch64; then
  major=$(qemu-system-aarch64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p' | head -1)
  if [ "${major:-0}" -lt 10 ]; then
    missing_bpo+=(qemu-system-x86 qemu-system-arm qemu-system-misc qemu-system-s390x)
  fi
fi

[ ${#missing_main[@]} -eq 0 ] && [ ${#missing_bpo[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing_main[*]} ${missing_bpo[*]}" >&2; exit 1; }
else
  SUDO=
fi

echo "setup: installing: ${missing_main[*]} ${missing_bpo[*]}"

add_backports() {
  local dst=/etc/apt/sources.list.d/testvisor-backports.sources
  [ -e "$dst" ] && return 0
  grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/ && return 0
  if ! debian_apt_entry; then
    echo "setup: cannot find this machine's Debian bookworm apt entry to derive bookworm-backports from" >&2
    exit 1
  fi
  {
    echo "Types: deb"
    echo "URIs: $DEBIAN_URI"
    echo "Suites: bookworm-backports"
    echo "Components: main"
    # An 'if', not '[ ] && echo': a false test as the group's last command would fail
    # the pipeline under pipefail and end setup.sh (a one-line sources.list has no keyring).
    if [ -n "$DEBIAN_KEYRING" ]; then echo "Signed-By: $DEBIAN_KEYRING"; fi
  } | $SUDO tee "$dst" >/dev/null
  echo "setup: added bookworm-backports from $DEBIAN_URI"
}

export DEBIAN_FRONTEND=noninteractive
if [ ${#missing_bpo[@]} -gt 0 ]; then
  add_backports
fi
$SUDO apt-get update -qq || { echo "setup: apt-get update failed" >&2; exit 1; }
if [ ${#missing_main[@]} -gt 0 ]; then
  # shellcheck disable=SC2068
  $SUDO apt-get install -y -qq --no-install-recommends ${missing_main[@]} >/dev/null ||
    { echo "setup: could not install: ${missing_main[*]}" >&2; exit 1; }
fi
if [ ${#missing_bpo[@]} -gt 0 ]; then
  # shellcheck disable=SC2068
  $SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports ${missing_bpo[@]} >/dev/null ||
    { echo "setup: could not install from bookworm-backports: ${missing_bpo[*]}" >&2; exit 1; }
fi
# Check again: every probe must now be satisfied.
for entry in "${REQUIRED[@]}"; do
  probe=${entry%%:*}
  have "$probe" || { echo "setup: $probe still missing after installing ${entry#*:}" >&2; exit 1; }
done
echo "setup: done"
