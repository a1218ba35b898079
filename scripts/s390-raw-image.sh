#!/usr/bin/env bash
# The raw image QEMU's s390x -kernel takes (hw/s390x/ipl.c loads a non-ELF file at absolute
# 0), made from an ELF: its memory from absolute 0 to its last loaded byte, zeros where no
# segment lies. Usage: s390-raw-image.sh <in.elf> <out.bin>; OBJCOPY and READELF from the
# environment.
set -euo pipefail
in=$1 out=$2
lowest=$("${READELF:-readelf}" -lW "$in" | awk '$1 == "LOAD" { print $4 }' | sort | head -n 1)
[ -n "$lowest" ] || { echo "s390-raw-image: $in has no loadable segment" >&2; exit 1; }
"${OBJCOPY:-objcopy}" -O binary "$in" "$out.body"
{ head -c "$((lowest))" /dev/zero; cat "$out.body"; } > "$out"
rm -f "$out.body"
