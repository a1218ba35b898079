#!/usr/bin/env bash
# Writes a disk image that IPLs testvisor list-directed (the SCSI/zipl "program table"
# scheme that LPAR's SCSI IPL and QEMU's s390-ccw firmware both read), optionally with one
# guest image and testvisor command line, which it places where QEMU's -initrd/-append
# would (parameter page at 0x10000: initrd address/size at 0x408, command line at 0x480).
# Usage: mkipl.sh <testvisor.elf> <out.img> [<guest.elf> [<command line>]]
# With an <out> ending in .ins it writes a file list instead ("file address" lines, as
# Hercules's `ipl <file>.ins` loads them; docs/s390.md): the IPL PSW for absolute 0,
# testvisor and the guest, each beside the list, in the same layout.
# Layout, 512-byte blocks: 0 MBR, 1 program table, 2 component table, 3-4 block lists,
# 8.. testvisor's memory image from 0x10000, then the guest image.
set -euo pipefail
hv=$1 out=$2 guest=${3:-} cmdline=${4:-}
objcopy=${OBJCOPY:-s390x-linux-gnu-objcopy}
nm=${NM:-s390x-linux-gnu-nm}
BS=512
LOAD_ADDR=$((0x10000))
IPL_PSW=$((0x0008000080000000 | LOAD_ADDR))   # short PSW: 31-bit, entry 0x10000
PARM_INITRD=$((0x408)) PARM_MARK=$((0x420)) PARM_CMDLINE=$((0x480)) CMDLINE_MAX=$((0x37f))
DATA_BLOCK=8

die() { echo "mkipl: $*" >&2; exit 1; }
[ -f "$hv" ] || die "no testvisor image $hv"
[ -z "$guest" ] || [ -f "$guest" ] || die "no guest image $guest"
[ ${#cmdline} -le $CMDLINE_MAX ] || die "command line longer than $CMDLINE_MAX bytes"

# Big-endian integers as raw bytes.
be() { # be <bytes> <value>
  local n=$1 v=$2 s="" i
  for ((i = n - 1; i >= 0; i--)); do s+=$(printf '\\x%02x' $(((v >> (8 * i)) & 0xff))); done
  printf "$s"
}
blockptr() { be 8 "$1"; be 2 $BS; be 2 $(($2 - 1)); be 4 0; }   # blockno, count
blocks_of() { echo $((($(stat -c %s "$1") + BS - 1) / BS)); }
put() { dd of="$out" bs=1 seek="$1" conv=notrunc status=none; }   # put <byte offset> < data

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$work/testvisor.bin
"$objcopy" -O binary "$hv" "$bin"

guest_addr=0 guest_blocks=0
if [ -n "$guest" ]; then
  image_end=$((0x$("$nm" "$hv" | awk '$3 == "__image_end" { print $1 }')))
  [ "$image_end" -gt 0 ] || die "cannot find __image_end in $hv"
  # Where QEMU puts an initrd: 8 MiB, or the first MiB boundary 1 MiB past the image.
  guest_addr=$((0x800000))
  while [ $((image_end + 0x100000)) -gt $guest_addr ]; do guest_addr=$((guest_addr + 0x100000)); done
  guest_blocks=$(blocks_of "$guest")
  { be 8 $guest_addr; be 8 "$(stat -c %s "$guest")"; } | dd of="$bin" bs=1 seek=$PARM_INITRD conv=notrunc status=none
fi
printf 'LIPL' | dd of="$bin" bs=1 seek=$PARM_MARK conv=notrunc status=none
if [ -n "$cmdline" ]; then
  { printf '%s' "$cmdline"; printf '\0'; } | dd of="$bin" bs=1 seek=$PARM_CMDLINE conv=notrunc status=none
fi
if [[ $out == *.ins ]]; then
  printf 'LOAD' | dd of="$bin" bs=1 seek=$PARM_MARK conv=notrunc status=none
  base=${out%.ins}
  be 8 $IPL_PSW > "$base.psw"
  cp "$bin" "$base.hv"
  printf '%s 0x%08x\n%s 0x%08x\n' "$(basename "$base.psw")" 0 "$(basename "$base.hv")" $LOAD_ADDR > "$out"
  if [ -n "$guest" ]; then
    cp "$guest" "$base.guest"
    printf '%s 0x%08x\n' "$(basename "$base.guest")" $guest_addr >> "$out"
  fi
  exit 0
fi
hv_blocks=$(blocks_of "$bin")
[ "$hv_blocks" -le 65536 ] && [ "$guest_blocks" -le 65536 ] || die "image too large for one block list entry"
guest_block=$((DATA_BLOCK + hv_blocks))

: > "$out"
truncate -s $(((guest_block + guest_blocks) * BS)) "$out"
{ printf 'zIPL'; be 4 1; be 8 0; blockptr 1 1; } | put 0                           # MBR
{ printf 'zIPL'; be 12 0; blockptr 2 1; } | put $((1 * BS))                          # program table
{
  printf 'zIPL'; be 1 0; be 27 0                                                     # IPL components
  blockptr 3 1; be 7 0; be 1 2; be 8 $LOAD_ADDR                                      # load testvisor
  if [ -n "$guest" ]; then blockptr 4 1; be 7 0; be 1 2; be 8 $guest_addr; fi      # load the guest
  be 16 0; be 7 0; be 1 1; be 8 $IPL_PSW                                             # execute
} | put $((2 * BS))
blockptr $DATA_BLOCK "$hv_blocks" | put $((3 * BS))                                  # block lists
[ -n "$guest" ] && blockptr $guest_block "$guest_blocks" | put $((4 * BS))
dd if="$bin" of="$out" bs=$BS seek=$DATA_BLOCK conv=notrunc status=none
[ -n "$guest" ] && dd if="$guest" of="$out" bs=$BS seek=$guest_block conv=notrunc status=none
exit 0
