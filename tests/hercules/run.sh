#!/usr/bin/env bash
# Boots testvisor (and one guest) on Hercules, the s390x emulator that implements SIE,
# and ends Hercules when the machine enters a disabled wait: Hercules only logs
# `HHCCP011I CPUnnnn: Disabled wait state` with the PSW and goes on running.
# Usage: tests/hercules/run.sh <testvisor.elf> <guest.elf|-> <guest spec> [seconds]
# Exit status: 0 for the success wait (address 0xfff), 1 for any other wait, 124 when no
# wait came within the time. Console lines (SCLP message events) go to stdout.
set -uo pipefail
hv=$1 guest=$2 spec=$3 limit=${4:-60}
[ "$guest" = - ] && guest=""
command -v hercules > /dev/null || { echo "hercules-run: hercules is not installed (scripts/setup.sh)"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
herc_pid=""
cleanup() {
  [ -n "$herc_pid" ] && kill -KILL "$herc_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 124' TERM INT

bash "$here/../../boot/s390/mkipl.sh" "$hv" "$work/tv.ins" ${guest:+"$guest"} ${guest:+"$spec"} || exit 2
# One CPU in z/Architecture mode, 256 MiB as on QEMU; code page 819/037 to match
# testvisor's ASCII to EBCDIC table. Hercules wants at least one device: a printer
# writing to /dev/null that testvisor never uses.
cat > "$work/hercules.cnf" <<CNF
CPUSERIAL 000001
CPUMODEL  2064
MAINSIZE  256
NUMCPU    1
ARCHMODE  z/Arch
CODEPAGE  819/037
000E 1403 /dev/null
CNF
# The automatic operator answers the disabled wait with `ipending`, whose output holds
# the CPU's instruction counter (`instcount`, read by tests/hercules/bench.sh).
printf 'hao tgt HHCCP011I\nhao cmd ipending\nipl %s\n' "$work/tv.ins" > "$work/hercules.rc"

log=$work/log
: > "$log"
( cd "$work" && HERCULES_RC=hercules.rc exec hercules -d -f hercules.cnf ) < /dev/null > "$log" 2>&1 &
herc_pid=$!

status=124 shown=0
deadline=$((SECONDS + limit))
while [ $SECONDS -lt $deadline ] && kill -0 "$herc_pid" 2>/dev/null; do
  sleep 0.2
  # Show the console as it comes, so a run cut short still leaves its lines.
  total=$(wc -l < "$log")
  [ "$total" -gt "$shown" ] && sed -n "$((shown + 1)),${total}p" "$log" && shown=$total
  # The wait PSW is the first "PSW=" line after the message (the automatic operator's
  # output may come in between; SIE trace lines start with "SIE: PSW=").
  psw=$(awk '/HHCCP011I/ { w = 1 } w && /^[[:space:]]*PSW=/ { print; exit }' "$log")
  if [ -n "$psw" ]; then
    addr=${psw##* }
    [ $((16#$addr)) -eq $((0xfff)) ] && status=0 || status=1
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      grep -q 'instcount' "$log" && break
      sleep 0.2
    done
    break
  fi
done
{ kill -KILL "$herc_pid"; wait "$herc_pid"; } 2>/dev/null
herc_pid=""
total=$(wc -l < "$log")
[ "$total" -gt "$shown" ] && sed -n "$((shown + 1)),${total}p" "$log"
[ $status = 124 ] && echo "hercules-run: no disabled wait within $limit s"
exit $status
