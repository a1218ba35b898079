#!/usr/bin/env bash
# Proves the harness cannot be fooled. Runs tests/broken/broken.cfg (a good selftest beside
# payloads and entries broken on purpose) on each given architecture, standalone and as
# guests of testvisor, and checks each verdict and its reason; then feeds the manifest
# reader a misspelt key and the unit-test totaller a program that reports no cases.
# Every mutation must make its check fail: each expected failure is one PASS here.
# Prints one line per expectation and "runner-selftest: N passed, N failed".
# Usage: tests/runner-selftest.sh ["<arch> ..."]
set -uo pipefail
cd "$(dirname "$0")/.."
arches=${1:-x86_64 arm64 riscv64 s390x}
out=build/results/runner-selftest
rm -rf "$out" "$out.txt"
mkdir -p "$out/manifest" "$out/mutations"
for a in $arches; do cp tests/broken/broken.cfg "$out/manifest/$a.cfg"; done
tests/run --manifest-dir "$out/manifest" --results "$out" --arch "${arches// /,}" > "$out.txt" 2>&1
rc=$?
pass=0 fail=0
expect() { # <description> <command...>: the command must succeed
  local what=$1; shift
  if "$@" > /dev/null 2>&1; then echo "PASS runner-selftest: $what"; pass=$((pass + 1))
  else echo "FAIL runner-selftest: $what"; fail=$((fail + 1)); fi
}
# verdict <status> <arch/mode/name> [text]: the runner printed that line, with that text.
verdict() {
  local line
  line=$(grep -E "^[A-Z]+ $2 " "$out.txt") || return 1
  [[ $line == "$1 "* ]] || return 1
  [ -z "${3:-}" ] || grep -qF -- "$3" <<< "$line"
}
# logged <arch/mode/name> <text>: the test's log has that text.
logged() { tr -d '\r' < "$out/${1%%/*}/$(basename "$(dirname "$1")")/${1##*/}.log" | grep -qF -- "$2"; }
for a in $arches; do
  expect "$a: the good selftest passes standalone beside broken ones" verdict PASS "$a/standalone/good_selftest"
  expect "$a: the good selftest passes as a guest" verdict PASS "$a/guest/good_selftest"
  expect "$a: a failing assertion fails the test" verdict FAIL "$a/standalone/broken_assert" "1 failed"
  expect "$a: ... and as a guest, by testvisor's verdict" verdict FAIL "$a/guest/broken_assert" "1 unexpected failures"
  expect "$a: an endless loop is stopped by the timeout" verdict FAIL "$a/standalone/broken_loop" "timed out"
  expect "$a: ... and as a guest, by its time budget" verdict FAIL "$a/guest/broken_loop_guest" "time budget"
  expect "$a: an unexpected trap fails the test" verdict FAIL "$a/standalone/broken_trap" "1 failed"
  expect "$a: ... reported by the payload's trap handler" logged "$a/standalone/broken_trap" "FAIL: unexpected"
  expect "$a: ... and as a guest, by testvisor's verdict" verdict FAIL "$a/guest/broken_trap" "1 unexpected failures"
  expect "$a: ... the guest's trap report under its name" logged "$a/guest/broken_trap" "[broken_trap] FAIL: unexpected"
  expect "$a: an exit without a summary fails the test" verdict FAIL "$a/standalone/broken_nosummary" "no SUMMARY"
  expect "$a: ... and as a guest, by testvisor's verdict" verdict FAIL "$a/guest/broken_nosummary" "without a SUMMARY line"
  [ "$a" = x86_64 ] && expect "x86_64: an SEV-ES guest's intercepts answered directly (no #VC) fail sev_vc" \
    verdict FAIL "x86_64/guest/sev_nae_direct" "unexpected failures"
  [ "$a" = x86_64 ] && expect "x86_64: sev_assume told the flipped switches under the default model fails" \
    verdict FAIL "x86_64/guest/sev_assume_switch_ignored" "unexpected failures"
  [ "$a" = x86_64 ] && expect "x86_64: sev_assume expecting the defaults under the flipped model fails" \
    verdict FAIL "x86_64/guest/sev_assume_default_flipped" "1 failed"
  for m in standalone guest; do
    case $a in
    x86_64|riscv64)
      expect "$a: an exit device's status 0 without EXIT line passes ($m)" verdict PASS "$a/$m/exit_device_only"
      expect "$a: ... its status 3 fails ($m)" verdict FAIL "$a/$m/exit_device_code" "exit code 3" ;;
    *)
      expect "$a: an exit carrying no status needs an EXIT line ($m)" verdict FAIL "$a/$m/exit_device_only" "carries no status"
      expect "$a: ... whatever the code ($m)" verdict FAIL "$a/$m/exit_device_code" "carries no status" ;;
    esac
  done
  expect "$a: guest lines differing from standalone fail the guest run" \
    verdict FAIL "$a/guest/differs_from_standalone" "results differ from standalone"
  expect "$a: ... while the standalone run passes" verdict PASS "$a/standalone/differs_from_standalone"
  expect "$a: a testvisor whose probe says no fails a test that requires virtualization" \
    verdict FAIL "$a/guest/virt_probe_says_no" "requires it (require = virt)"
  expect "$a: an unknown guest-spec key is refused, naming it and the valid keys" \
    verdict FAIL "$a/guest/unknown_config_key" "unknown config key 'rass' (valid keys: name mem"
  expect "$a: failure lines name the log" verdict FAIL "$a/standalone/broken_trap" "[log: "
  if [ "$a" = riscv64 ]; then
    expect "$a: trace= is refused as not supported" \
      verdict FAIL "$a/guest/broken_assert_traced" "config key 'trace' is not supported on riscv64"
  else
    expect "$a: a traced guest's FAIL line names the trace section printed before it" \
      verdict FAIL "$a/guest/broken_assert_traced" \
      "1 unexpected failures; trace: last 8 steps above, section 'trace broken_assert_traced')"
    expect "$a: ... which is in its log, headed with the guest's name" \
      logged "$a/guest/broken_assert_traced" "testvisor: --- trace broken_assert_traced vCPU 0: the last 8 instructions before the failure ---"
  fi
done
expect "the runner exits non-zero when tests fail" test "$rc" -ne 0

# A guest spec whose image never arrived (no initrd, module or guest.elf) is that guest
# failing, naming the image, never a run of the built-in suite.
for a in $arches; do
  log="$out/mutations/spec-without-image-$a.log"
  RUN_TIMEOUT=60 bash tests/boot-hv.sh "$a" "build/$a/testvisor.elf" "name=orphan mem=16M" > "$log" 2>&1
  orphan_rc=$?
  expect "$a: a guest spec without its image fails, naming the image" \
    grep -qE '^testvisor: guest orphan: FAIL .*guest image missing: no initrd' <(tr -d '\r' < "$log")
  expect "$a: ... and the built-in suite does not run" bash -c "! grep -q 'built-in suite' '$log'"
  expect "$a: ... and counts it failed" grep -q '^testvisor: 1 guests, 0 passed, 1 failed' <(tr -d '\r' < "$log")
  # The exit status, where the platform can tell one (PSCI SYSTEM_OFF cannot).
  grep -q 'testvisor exit status' "$log" &&
    expect "$a: ... and testvisor ends with a failure status" test "$orphan_rc" -ne 0
done

# A misspelt manifest key stops the runner and the built-in suite's generator, naming the
# file, the section, the key and the valid keys.
m="$out/mutations/manifest"
mkdir -p "$m"
printf '[typo]\nfile = selftest\ntimout = 5\n' > "$m/x86_64.cfg"
tests/run --manifest-dir "$m" --list > "$m.txt" 2>&1
typo_rc=$?
expect "a manifest typo stops the runner" test "$typo_rc" -ne 0
expect "... naming file, section, key and the valid keys" \
  grep -qF "manifest: $m/x86_64.cfg: [typo]: unknown key 'timout' (valid keys: arch file" "$m.txt"
expect "a manifest typo stops the built-in suite's generation" \
  bash -c "! MANIFEST_DIR='$m' bash scripts/gen-builtin-suite.sh x86_64 '$m' > /dev/null 2>&1"
# compare = no without a comment saying why the modes differ stops the runner too.
printf '[unexplained]\nfile = selftest\ncompare = no\n' > "$m/x86_64.cfg"
tests/run --manifest-dir "$m" --list > "$m-compare.txt" 2>&1
compare_rc=$?
expect "compare = no without its reason stops the runner" test "$compare_rc" -ne 0
expect "... naming the entry" grep -qF "[unexplained]: compare = no needs a comment" "$m-compare.txt"

# A unit-test program that reports no cases fails, even with exit status 0.
u="$out/mutations/test_reports_nothing"
printf '#!/bin/sh\nexit 0\n' > "$u" && chmod +x "$u"
bash tests/unit/run-unit.sh "$u" > "$u.txt" 2>&1
unit_rc=$?
expect "a unit program with no cases fails make unit" test "$unit_rc" -ne 0
expect "... and is counted as a failure" grep -q '^unit: 0 passed, 1 failed$' "$u.txt"

[ $fail -gt 0 ] && { echo "runner output:"; sed 's/^/    /' "$out.txt"; }
echo "runner-selftest: $pass passed, $fail failed"
[ $fail -eq 0 ]
