# Payload symbols in guest specs (sourced by tests/run and scripts/gen-builtin-suite.sh):
# a `sym:<name>[+<offset>]` token in a manifest entry's config becomes the address of
# <name> (plus <offset>) in the payload's ELF, so that an address such as a break address
# (docs/debug.md) is read from the payload as built, never guessed. The host's nm reads every architecture's ELF (its
# generic elf32/elf64 targets).

# resolve_symbols <elf> <text>: prints <text> with each sym:<name>[+<offset>] (offset 0x hex
# or decimal) replaced by 0x<address + offset>; returns 1 (message on stderr) when the ELF
# has no such symbol or more than one.
resolve_symbols() {
  local elf=$1 text=$2 token name offset addrs
  while [[ $text =~ sym:([A-Za-z_][A-Za-z0-9_.]*)(\+(0x[0-9a-fA-F]+|[0-9]+))? ]]; do
    token=${BASH_REMATCH[0]} name=${BASH_REMATCH[1]} offset=${BASH_REMATCH[3]:-0}
    addrs=$(nm "$elf" 2>/dev/null | awk -v n="$name" '$3 == n { print $1 }')
    if [ -z "$addrs" ]; then
      echo "no symbol '$name' in $elf (config $token)" >&2
      return 1
    fi
    if [ "$(wc -l <<< "$addrs")" -ne 1 ]; then
      echo "symbol '$name' is defined more than once in $elf (config $token)" >&2
      return 1
    fi
    text=${text/"$token"/$(printf '0x%x' $((0x$addrs + offset)))}
  done
  printf '%s\n' "$text"
}
