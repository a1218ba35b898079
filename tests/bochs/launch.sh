#!/usr/bin/env bash
# Boots testvisor on Bochs, headless, from a GRUB ISO (tests/bochs/mkiso.sh: given, or
# made here from testvisor and guest images with their specs), and prints what testvisor
# wrote to COM1, then the Bochs log's error and panic lines (prefixed "bochs: "; a
# refused VMRUN names its failed consistency check there) and how the run ended. Bochs
# stops on its own when testvisor powers the machine off (ACPI S5 through the PIIX4 PM
# function); the launcher ends it when testvisor's final line says that no exit device
# acted, or when the time is up. Bochs never outlives the launcher.
# Usage: tests/bochs/launch.sh <work dir> <megs> <seconds> <file.iso>
#        tests/bochs/launch.sh <work dir> <megs> <seconds> <testvisor.elf> [<guest.elf> <spec>]...
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$1 megs=$2 limit=$3
shift 3
mkdir -p "$work"
iso=$1
if [[ $iso != *.iso ]]; then
  iso="$work/testvisor.iso"
  "$here/mkiso.sh" "$iso" "$@" || { echo "bochs: could not build the GRUB ISO"; exit 1; }
fi
com1="$work/com1.txt" log="$work/bochs.log" rc="$work/bochsrc" out="$work/bochs.out"
: > "$com1"
sed -e "s|@CPU@|${BOCHS_CPU:-ryzen}|" -e "s|@MEGS@|$megs|" -e "s|@ISO@|$iso|" -e "s|@COM1@|$com1|" -e "s|@LOG@|$log|" \
  "$here/bochsrc.in" > "$rc"
# Debian's build starts in its debugger: "c" (continue) until the simulation ends.
yes c | head -n 100 > "$work/debugger.rc"

bochs -q -f "$rc" -rc "$work/debugger.rc" < /dev/null > "$out" 2>&1 &
pid=$!
trap 'kill -KILL "$pid" 2>/dev/null' EXIT
trap 'exit 143' TERM INT HUP

# testvisor's last line when nothing stopped the machine (arch/x86/machine_exit.c).
final='^testvisor: exit status -?[0-9]+: no exit device stopped the machine'
start=$SECONDS ended=""
while kill -0 "$pid" 2>/dev/null; do
  if tr -d '\r' < "$com1" | grep -qE "$final"; then
    ended="testvisor's final line appeared; Bochs stopped by the launcher"
    break
  fi
  if [ $((SECONDS - start)) -ge "$limit" ]; then
    ended="no power-off within $limit s; Bochs stopped by the launcher"
    break
  fi
  sleep 0.2
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
[ "$iso" = "$work/testvisor.iso" ] && rm -f "$iso"
cat "$com1"
if [ -z "$ended" ]; then
  ended=$(sed -n 's/^\[ACPI *\] //p' "$out" | head -1)
  ended="Bochs exited${ended:+: $ended}"
fi
# Errors and panics, without the per-exit I/O notes Bochs logs at error level.
grep -E '^[0-9]+[ep]\[' "$log" 2>/dev/null | grep -v 'SVM VMEXIT: I/O port' | head -n 40 |
  sed 's/^/bochs: /'
echo "bochs: $ended"
