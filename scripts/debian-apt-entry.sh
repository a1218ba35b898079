# Sourced by scripts/setup.sh and scripts/fresh-debian.sh: finds this machine's own Debian
# bookworm archive entry, so that nothing in the repository names an archive host.
# debian_apt_entry: sets DEBIAN_URI (the archive's URI) and DEBIAN_KEYRING (its Signed-By
# file, empty for a one-line entry); returns 1 when the machine has no such entry.
debian_apt_entry() {
  DEBIAN_URI="" DEBIAN_KEYRING=""
  local f found
  # A deb822 stanza whose Suites include 'bookworm' (not bookworm-updates alone).
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    found=$(awk 'BEGIN { RS = ""; FS = "\n" }
      {
        uri = ""; key = ""; suite = 0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^Suites:/ && (" " substr($i, 8) " ") ~ /[ \t]bookworm[ \t]/) suite = 1
          if ($i ~ /^URIs:/) { uri = $i; sub(/^URIs:[ \t]*/, "", uri); sub(/[ \t].*/, "", uri) }
          if ($i ~ /^Signed-By:/) { key = $i; sub(/^Signed-By:[ \t]*/, "", key) }
        }
        if (suite && uri != "") { print uri " " key; exit }
      }' "$f")
    if [ -n "$found" ]; then
      DEBIAN_URI=${found%% *}
      DEBIAN_KEYRING=${found#* }
      return 0
    fi
  done
  # A one-line 'deb [options] URI bookworm main' entry.
  if [ -e /etc/apt/sources.list ]; then
    DEBIAN_URI=$(awk '$1 == "deb" && $0 ~ /[ \t]bookworm[ \t]/ {
      for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [ -n "$DEBIAN_URI" ]
}
