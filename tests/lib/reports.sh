# TAP and JUnit XML writers (sourced by tests/run). Input: lines
# "<status> <arch>/<mode>/<name> <passed> <failed> <skipped> <kfailed> <log> <reason...>".

xml_escape() {
  local s=$1
  s=${s//&/&amp;}; s=${s//</&lt;}; s=${s//>/&gt;}; s=${s//\"/&quot;}
  printf '%s' "$s"
}

write_tap() {
  local in=$1 out=$2 n=0 st t p f s k log reason
  {
    echo "TAP version 13"
    echo "1..$(wc -l < "$in")"
    while read -r st t p f s k log reason; do
      n=$((n + 1))
      case $st in
        PASS) echo "ok $n - $t" ;;
        SKIP) echo "ok $n - $t # SKIP ${reason}" ;;
        *) echo "not ok $n - $t"; echo "  ---"; echo "  reason: '${reason//\'/}'"; echo "  log: $log"; echo "  ..." ;;
      esac
    done < "$in"
  } > "$out"
}

write_junit() {
  local in=$1 out=$2 total fails skips st t p f s k log reason
  total=$(wc -l < "$in")
  fails=$(grep -c '^FAIL ' "$in")
  skips=$(grep -c '^SKIP ' "$in")
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<testsuites><testsuite name=\"testvisor\" tests=\"$total\" failures=\"$fails\" skipped=\"$skips\">"
    while read -r st t p f s k log reason; do
      local cls=${t%/*} nm=${t##*/}
      echo "  <testcase classname=\"$(xml_escape "${cls//\//.}")\" name=\"$(xml_escape "$nm")\">"
      case $st in
        FAIL) echo "    <failure message=\"$(xml_escape "$reason")\">log: $(xml_escape "$log")</failure>" ;;
        SKIP) echo "    <skipped message=\"$(xml_escape "$reason")\"/>" ;;
      esac
      echo "    <system-out>$p passed, $f failed, $s skipped, $k known failures</system-out>"
      echo "  </testcase>"
    done < "$in"
    echo "</testsuite></testsuites>"
  } > "$out"
}
