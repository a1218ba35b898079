#!/bin/bash
# mk-bzimage.sh <payload.elf> <setup.asm> <out.bzimage> [protocol]: a payload as a bzImage
# (Linux/x86 boot protocol): the real-mode setup part assembled from <setup.asm> for
# this payload (its linux_entry32 as code32_start, its sizes), then the payload's loadable
# bytes from 1 MiB (objcopy -O binary), padded to 16-byte paragraphs (syssize).
set -euo pipefail
elf=$1 asm=$2 out=$3 proto=${4:-0x020f}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
OBJCOPY=${OBJCOPY:-x86_64-linux-gnu-objcopy}
NM=${NM:-x86_64-linux-gnu-nm}
sym() { "$NM" "$elf" | awk -v s="$1" '$3 == s { print "0x" $1 }'; }
start=$(sym __image_start) end=$(sym __image_end) entry=$(sym linux_entry32)
if [ -z "$start" ] || [ -z "$end" ] || [ -z "$entry" ]; then
	echo "mk-bzimage: $elf lacks __image_start, __image_end or linux_entry32" >&2
	exit 1
fi
if [ $((start)) -ne $((0x100000)) ]; then
	echo "mk-bzimage: $elf starts at $start, not at 1 MiB where the bzImage loads" >&2
	exit 1
fi
"$OBJCOPY" -O binary "$elf" "$tmp/prot.bin"
size=$(stat -c %s "$tmp/prot.bin")
pad=$(( (16 - size % 16) % 16 ))
head -c "$pad" /dev/zero >> "$tmp/prot.bin"
size=$((size + pad))
nasm -f bin -DCODE32_START="$entry" -DPROT_SIZE="$size" -DINIT_SIZE=$((end - start)) \
	-DPROTOCOL="$proto" "$asm" -o "$tmp/setup.bin"
cat "$tmp/setup.bin" "$tmp/prot.bin" > "$out.tmp"
mv "$out.tmp" "$out"
