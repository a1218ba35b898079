#!/usr/bin/env bash
# Fails listing every include that climbs out of its folder with "../" in the tracked
# sources: C and GNU as (#include "../...", .include "../..."), nasm (%include "../..."). A file reaches
# another directory's header through an -I path its build rule names, so that what
# depends on what stays visible in mk/ and the build.mk files.
# Usage: tests/no-relative-includes.sh   (prints "no-relative-includes: N found")
set -uo pipefail
cd "$(dirname "$0")/.."
found=$(git ls-files -z -- '*.c' '*.h' '*.S' '*.s' '*.asm' '*.inc' '*.ld' |
  xargs -0 grep -nE '^[[:space:]]*([#%][[:space:]]*include|\.include)[[:space:]]*[<"]\.\./' -- 2>/dev/null)
n=0
[ -n "$found" ] && n=$(wc -l <<< "$found")
[ -n "$found" ] && echo "$found"
echo "no-relative-includes: $n found"
[ "$n" -eq 0 ]
