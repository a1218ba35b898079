#!/usr/bin/env bash
# make lava-check: runs each architecture's qemu LAVA job with lava-run (the dispatcher
# alone, no server), boots the same image on the same machine with the runner's own
# tests/boot-hv.sh (make run: one log per guest), and compares what LAVA recorded with what
# the runner recorded, case by case and guest by guest: equal, or the check fails. (tests/run
# runs each guest on its own, some on another machine, -smp 2 for instance: the built-in
# suite boots once, on one machine.) Installs
# lava-dispatcher (Debian 12) when lava-run is missing. lava-run must run as root: sudo
# is used when needed.
# Usage: tests/lava/check.sh [arch ...]   (default: all four)
set -uo pipefail
cd "$(dirname "$0")/../.."
arches=${*:-x86_64 arm64 riscv64 s390x}
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
start=$(date +%s)

if ! command -v lava-run >/dev/null; then
  echo "lava-check: installing lava-dispatcher"
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends lava-dispatcher >/dev/null ||
    { echo "lava-check: could not install lava-dispatcher" >&2; exit 1; }
fi
# lava-dispatcher's own Python, with the modules it needs (PyYAML, voluptuous).
PY=$(sed -n '1s/^#! *//p' "$(command -v lava-run)")

nfail=0 total_cases=0 total_guests=0
for a in $arches; do
  dir=build/lava/$a
  $SUDO rm -rf "$dir/lava-run"
  mkdir -p "$dir"
  if ! make --no-print-directory ARCH="$a" all lava > "$dir/make.log" 2>&1; then
    echo "FAIL lava/$a: build or job generation failed [log: $dir/make.log]"
    nfail=$((nfail + 1)); continue
  fi
  # Every job written, real-board templates too, as a LAVA server would take it.
  if ! "$PY" tests/lava/validate.py "$dir"/testvisor-"$a"-*.yaml > "$dir/validate.log" 2>&1; then
    echo "FAIL lava/$a: a job definition fails LAVA's schema: $(head -c 300 "$dir/validate.log")"
    nfail=$((nfail + 1)); continue
  fi
  job=$dir/testvisor-$a-qemu.yaml
  "$PY" tests/lava/qemu-device.py "$job" > "$dir/qemu-device.yaml" || { nfail=$((nfail + 1)); continue; }
  mapfile -t guests < <(sed -n 's/^builtin_name_[0-9]*: \.asciz "\(.*\)"$/\1/p' "build/$a/builtin_suite.S")

  # LAVA and the runner side by side: the two use a core each at most.
  timeout -k 10 900 $SUDO lava-run --job-id "testvisor-$a-$$" --output-dir "$dir/lava-run" \
    --device "$dir/qemu-device.yaml" "$job" > "$dir/lava.log" 2>&1 &
  lava_pid=$!
  RUN_TIMEOUT=600 bash tests/boot-hv.sh "$a" "build/$a/testvisor.elf" > "$dir/runner.txt" 2>&1
  wait $lava_pid
  lava_rc=$?

  "$PY" tests/lava/results.py lava "$dir/lava.log" > "$dir/lava-results.txt" 2> "$dir/lava-results.err"
  lava_ok=$?
  "$PY" tests/lava/results.py runner "build/results/$a/run" "${guests[@]}" > "$dir/runner-results.txt" 2>&1
  runner_ok=$?
  cases=$(wc -l < "$dir/lava-results.txt")
  sets=$(cut -d' ' -f1 "$dir/lava-results.txt" | sort -u | wc -l)
  if [ $lava_rc -ne 0 ] || [ $lava_ok -ne 0 ]; then
    echo "FAIL lava/$a: the LAVA job failed (lava-run exit $lava_rc): $(head -c 300 "$dir/lava-results.err") [log: $dir/lava.log]"
    nfail=$((nfail + 1))
  elif [ $runner_ok -ne 0 ]; then
    echo "FAIL lava/$a: no runner results to compare with [log: $dir/runner.txt]"
    nfail=$((nfail + 1))
  elif ! diff -u "$dir/runner-results.txt" "$dir/lava-results.txt" > "$dir/results.diff"; then
    echo "FAIL lava/$a: LAVA's results differ from the runner's ($cases LAVA cases in $sets guests): $(grep -m2 '^[-+][^-+]' "$dir/results.diff" | tr '\n' ' ')[diff: $dir/results.diff]"
    nfail=$((nfail + 1))
  elif [ "$sets" -ne ${#guests[@]} ]; then
    echo "FAIL lava/$a: LAVA recorded $sets guests, the image has ${#guests[@]} [log: $dir/lava.log]"
    nfail=$((nfail + 1))
  else
    echo "PASS lava/$a: LAVA's results equal the runner's: $cases test cases in $sets test suites (one per guest) [log: $dir/lava.log]"
    total_cases=$((total_cases + cases)); total_guests=$((total_guests + sets))
  fi
done
echo "lava-check: $total_cases cases in $total_guests guests equal, $nfail architectures failed, $(( $(date +%s) - start )) s"
[ $nfail -eq 0 ]
