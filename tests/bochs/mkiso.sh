#!/usr/bin/env bash
# A BIOS-bootable ISO of testvisor: GRUB 2 (grub-mkrescue from grub-pc-bin, with xorriso
# and mtools) loads testvisor with `multiboot` and each guest image with `module`, whose
# string is the guest's spec (GRUB 2 passes no path in it: boot/x86/mb_strings.c).
# Usage: tests/bochs/mkiso.sh <out.iso> <testvisor.elf> [--cmdline <text>]
#                             [<guest.elf> <spec>]...
# Without guests testvisor runs its built-in suite. Written under a temporary name, so a
# failure leaves no ISO behind.
set -euo pipefail
out=$1 hv=$2
shift 2
cmdline=""
if [ "${1:-}" = --cmdline ]; then
  cmdline=$2
  shift 2
fi
tree=$(mktemp -d "${out}.tree.XXXXXX")
trap 'rm -rf "$tree" "$out.tmp"' EXIT
mkdir -p "$tree/boot/grub" "$tree/guests"
cp "$hv" "$tree/boot/testvisor.elf"

# GRUB script quoting: everything inside single quotes is literal; a single quote itself
# is written as '\''.
grub_quote() {
  local s=${1//\'/\'\\\'\'}
  printf "'%s'" "$s"
}

# A spec or command line as GRUB arguments, one per word (words split as the shell
# does, quotes kept together, nothing expanded). GRUB joins them with blanks and puts
# double quotes around a word with a blank in it (grub_create_loader_cmdline), which
# gives back the original text; a `"`, `'` or `\` inside a word would come through
# escaped with a backslash.
grub_args() {
  local w
  while IFS= read -r -d "" w; do
    printf " %s" "$(grub_quote "$w")"
  done < <(printf "%s" "$1" | xargs -r printf "%s\0")
}

{
  echo "set timeout=0"
  echo "set default=0"
  echo "menuentry testvisor {"
  echo "  multiboot /boot/testvisor.elf$(grub_args "$cmdline")"
  n=0
  while [ $# -ge 2 ]; do
    cp "$1" "$tree/guests/g$n.elf"
    echo "  module /guests/g$n.elf$(grub_args "$2")"
    n=$((n + 1))
    shift 2
  done
  echo "  boot"
  echo "}"
} > "$tree/boot/grub/grub.cfg"
[ $# -eq 0 ] || { echo "mkiso: a guest image without its spec: $1" >&2; exit 2; }

# Only the modules the configuration uses: a smaller image that GRUB reads faster.
grub-mkrescue --install-modules="multiboot normal configfile iso9660 biosdisk part_msdos" \
  --locales= --fonts= --themes= -o "$out.tmp" "$tree" > "$out.tmp.log" 2>&1 ||
  { cat "$out.tmp.log" >&2; rm -f "$out.tmp.log"; exit 1; }
rm -f "$out.tmp.log"
mv "$out.tmp" "$out"
