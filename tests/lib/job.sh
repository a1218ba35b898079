# One test run (sourced by tests/run): boots QEMU for one manifest entry in one mode,
# enforces the timeout, and evaluates the log into a result file of key=value lines.

# Strips testvisor's "[<name>] " prefix from guest lines; leaves standalone logs as they are.
payload_lines() {
  local mode=$1 name=$2 log=$3
  if [ "$mode" = standalone ]; then
    tr -d '\r' < "$log"
  else
    tr -d '\r' < "$log" | sed -n "s/^\[$name\] //p"
  fi
}

# Prints the result lines used for comparison between modes (KFAIL compares as PASS).
result_lines() {
  payload_lines "$@" | grep -E '^(PASS|FAIL|SKIP|KFAIL):' | sed 's/^KFAIL:/PASS:/'
}

in_list() { case " $2 " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# In a mode that boots testvisor: a guest may go without virtualization only where the
# entry says so (expect = skip); there it must. Reads and updates status and reason.
judge_virt_requirement() {
  local novirt
  novirt=$(tr -d '\r' < "$log" | sed -n 's/^testvisor: no virtualization on this CPU: //p' | head -1)
  if [ "${M[expect]}" = skip ]; then
    if [ "$status" = PASS ]; then
      status=FAIL; reason="expected SKIP (expect = skip), but the guest ran and passed"
    fi
  elif [ -n "$novirt" ] && [ "${M[require]}" = virt ]; then
    status=FAIL
    reason="testvisor found no virtualization ($novirt), but this test requires it (require = virt)"
  fi
}

# guest_log_match = <ERE>[ && <ERE>...]: a passing guest-mode run whose log has no line
# matching one of them fails (what testvisor printed besides the verdict: trace lines, the
# trace section).
judge_log_match() {
  local rest=${M[guest_log_match]} re
  [ -n "$rest" ] && [ "$status" = PASS ] || return 0
  while [ -n "$rest" ]; do
    re=${rest%% && *}
    [ "$re" = "$rest" ] && rest="" || rest=${rest#* && }
    if ! tr -d '\r' < "$log" | grep -E -- "$re" > /dev/null; then
      status=FAIL; reason="the log has no line matching '$re' (guest_log_match)"
      return 0
    fi
  done
}

# Standalone verdict from the payload's lines and QEMU's exit code $rc, in the exit
# convention of kvm-unit-tests: exit(code) prints "EXIT: STATUS=<(code << 1) | 1>" (an even
# value is a crash marker) and ends through the platform's exit device. Where that device
# carries the status (qemu_exit_carries_status in tests/qemu/<arch>.sh), a payload without
# an EXIT line is judged by the status alone and needs no SUMMARY line. Sets status/reason.
judge_standalone() {
  local qstatus carried=no code
  qstatus=$(. "tests/qemu/$arch.sh"; qemu_exit_status "$rc")
  if (. "tests/qemu/$arch.sh"; declare -F qemu_exit_carries_status >/dev/null &&
      qemu_exit_carries_status "$rc"); then
    carried=yes
  fi
  if [ -z "$exit_line" ]; then
    if [ $carried = no ] || [ -z "$qstatus" ]; then
      status=FAIL; reason="no EXIT: STATUS= line and QEMU exit code $rc carries no status"
      return
    fi
    code=$qstatus
  elif [ $((exit_line & 1)) -eq 0 ]; then
    status=FAIL; reason="printed EXIT: STATUS=$exit_line: an even status is a crash marker (QEMU exit code $rc)"
    return
  elif ! grep -q '^SUMMARY:' <<< "$lines"; then
    status=FAIL; reason="no SUMMARY line (QEMU exit code $rc)"
    return
  else
    code=$((exit_line >> 1))
    if [ -n "$qstatus" ] && [ "$qstatus" != "$code" ]; then
      status=FAIL; reason="QEMU exit code $rc means status $qstatus, payload printed EXIT: STATUS=$exit_line (code $code)"
      return
    fi
  fi
  if [ "$code" = 77 ] && [ "$passed" -eq 0 ]; then
    # The verdict line carries the payload's own reason, so a table shows why.
    status=SKIP; reason=$(grep -m1 '^SKIP:' <<< "$lines" | sed -E 's/^SKIP: *//')
  elif [ "$code" != 0 ] || [ "$failed" -gt 0 ]; then
    status=FAIL; reason="exit code $code, $failed failed checks"
  else
    status=PASS
  fi
}

# Guest-mode verdict: testvisor's line for guest $name in $log, and its end-of-run line.
# Sets status/reason.
judge_guest() {
  local verdict
  verdict=$(tr -d '\r' < "$log" | grep -E "^testvisor: guest $name: (PASS|FAIL|SKIP)" | tail -1)
  if [ -z "$verdict" ]; then
    status=FAIL; reason="testvisor reported no verdict for the guest (QEMU exit code $rc)"
  else
    status=$(sed -E 's/^testvisor: guest [^:]+: (PASS|FAIL|SKIP).*/\1/' <<< "$verdict")
    [ "$status" != PASS ] && reason=$(sed -E 's/^testvisor: guest [^:]+: //' <<< "$verdict")
    # grep reads to the end (no -q): with pipefail an early exit would SIGPIPE tr.
    if ! tr -d '\r' < "$log" | grep -E '^testvisor: [0-9]+ guests, ' > /dev/null; then
      status=FAIL; reason="testvisor did not finish its run (QEMU exit code $rc)"
    fi
  fi
}

# pack_guest_and_initrd <dir> <guest image> <initrd file>: writes <dir>/guest.cpio holding
# both under their own names and points GUEST_IMAGE at it.
pack_guest_and_initrd() {
  local dir=$1 image=$2 initrd=$3
  [ -f "$initrd" ] || return 1
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$image" "$initrd" "$dir/"
  (cd "$dir" && printf '%s\n%s\n' "${image##*/}" "${initrd##*/}" | cpio -o -H newc --quiet > guest.cpio)
  GUEST_IMAGE="$dir/guest.cpio"
}

# run_job <id> <mode> <result-dir>: runs the test and writes <dir>/<name>.log and .result.
run_job() {
  local id=$1 mode=$2 dir=$3
  manifest_load_entry "$id"
  local arch=${M[arch]} name=${M[name]}
  local log="$dir/$name.log" res="$dir/$name.result"
  mkdir -p "$dir"
  : > "$log"
  local status="" reason="" passed=0 failed=0 skipped=0 kfailed=0

  (
    export BUILD_DIR="build/$arch"
    export PAYLOAD_ELF="$BUILD_DIR/payloads/${M[file]}.elf"
    # What testvisor gets as the guest: the ELF, or (guest_image = bin|bzimage) the image
    # beside it, as a kernel built for the machine comes (arm64: Linux Image; riscv64: raw;
    # x86: a bzImage, which standalone QEMU boots too).
    export GUEST_IMAGE="$PAYLOAD_ELF"
    [ "${M[guest_image]:-elf}" != elf ] && GUEST_IMAGE="${PAYLOAD_ELF%.elf}.${M[guest_image]}"
    # What a standalone run boots where the machine's script takes it from here (riscv64):
    # the ELF, or (standalone_image = bin) its binary form, as for a PIE linked at 0.
    export STANDALONE_IMAGE="$PAYLOAD_ELF"
    [ "${M[standalone_image]:-elf}" = bin ] && STANDALONE_IMAGE="${PAYLOAD_ELF%.elf}.bin"
    export HV_ELF="$BUILD_DIR/testvisor.elf"
    if [ "$mode" = standalone ]; then
      PAYLOAD_ARGS=$(manifest_join "${M[args]}" "${M[standalone_args]}")
      QEMU_EXTRA=$(manifest_join "${M[qemu]}" "${M[standalone_qemu]}")
      GUEST_SPEC=""
    else
      PAYLOAD_ARGS=$(manifest_join "${M[args]}" "${M[guest_args]}")
      QEMU_EXTRA=$(manifest_join "${M[qemu]}" "${M[guest_qemu]}")
      GUEST_SPEC="name=$name ${M[config]}"
      # initrd = <file>: testvisor's one -initrd carries the guest and its initrd as a cpio
      # archive (hv/boot_modules.c), the spec naming the initrd (arm64, riscv64, s390x).
      if [ -n "${M[initrd]:-}" ]; then
        GUEST_SPEC="$GUEST_SPEC initrd=${M[initrd]##*/}"
        pack_guest_and_initrd "$BUILD_DIR/run/initrd-$name-$mode" "$GUEST_IMAGE" "${M[initrd]}" ||
          { echo "runner: the initrd ${M[initrd]} could not be packed with the guest" > "$log"; exit 201; }
      fi
      [ -n "$PAYLOAD_ARGS" ] && GUEST_SPEC="$GUEST_SPEC -- $PAYLOAD_ARGS"
    fi
    # Standalone, QEMU's own -initrd is the reference.
    [ "$mode" = standalone ] && [ -n "${M[initrd]:-}" ] && QEMU_EXTRA="$QEMU_EXTRA -initrd ${M[initrd]}"
    QEMU_EXTRA="$QEMU_EXTRA ${RUN_QEMU_EXTRA:-}"
    export PAYLOAD_ARGS QEMU_EXTRA GUEST_SPEC
    mkdir -p "$BUILD_DIR/run"
    # shellcheck disable=SC1090
    . "tests/qemu/$arch.sh"
    if ! declare -F "qemu_cmd_$mode" >/dev/null; then
      echo "runner: architecture $arch has no run mode '$mode'" > "$log"
      exit 200
    fi
    # A bzImage stands alone (the broken ones the build makes have no ELF beside them).
    needed=("$PAYLOAD_ELF" "$GUEST_IMAGE")
    [ "${M[guest_image]:-elf}" = bzimage ] && needed=("$GUEST_IMAGE")
    [ "$mode" != standalone ] && needed+=("$HV_ELF")
    for f in "${needed[@]}"; do
      [ -f "$f" ] || { echo "runner: $f is missing (run make ARCH=$arch)" > "$log"; exit 201; }
    done
    if [ -n "$GUEST_SPEC" ]; then
      GUEST_SPEC=$(resolve_symbols "$PAYLOAD_ELF" "$GUEST_SPEC" 2>&1) ||
        { echo "runner: $GUEST_SPEC" > "$log"; exit 201; }
    fi
    QEMU_CMD=()
    "qemu_cmd_$mode"
    echo "runner: ${QEMU_CMD[*]}" > "$log.cmd"
    timeout -k 5 "${M[timeout]}" "${QEMU_CMD[@]}" < /dev/null >> "$log" 2>&1
  )
  local rc=$?

  local lines
  lines=$(payload_lines "$mode" "$name" "$log")
  passed=$(grep -c '^PASS:' <<< "$lines")
  failed=$(grep -c '^FAIL:' <<< "$lines")
  skipped=$(grep -c '^SKIP:' <<< "$lines")
  kfailed=$(grep -c '^KFAIL:' <<< "$lines")
  local exit_line
  exit_line=$(grep -E '^EXIT: STATUS=-?[0-9]+$' <<< "$lines" | tail -1 | sed 's/^EXIT: STATUS=//')

  if [ $rc -eq 200 ] || [ $rc -eq 201 ]; then
    status=FAIL; reason=$(head -1 "$log")
  elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    status=FAIL; reason="timed out after ${M[timeout]} s"
  elif [ "$mode" = standalone ]; then
    judge_standalone
  else
    judge_guest
    judge_virt_requirement
    judge_log_match
  fi

  # A mode listed in kfail: failed checks are known failures, not failures.
  if in_list "$mode" "${M[kfail]}" && [ "$status" = FAIL ] && [ "$failed" -gt 0 ] &&
     grep -q '^SUMMARY:' <<< "$lines"; then
    kfailed=$((kfailed + failed)); failed=0; status=PASS; reason="known failures in $mode mode"
  fi
  {
    echo "status=$status"
    echo "passed=$passed"
    echo "failed=$failed"
    echo "skipped=$skipped"
    echo "kfailed=$kfailed"
    echo "reason=$reason"
    echo "log=$log"
  } > "$res"
}
