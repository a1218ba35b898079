#!/usr/bin/env bash
# Unpacks GNU-EFI's arm64 build (crt0, linker script, libefi, headers) from Debian's
# gnu-efi:arm64 package into a private folder. Installing it would replace the x86_64
# gnu-efi the x86 EFI build uses, so the .deb is fetched with apt-get through a private
# apt state (arm64 added only there, the machine's apt configuration is untouched) and
# unpacked with dpkg-deb -x. Cached: does nothing when the folder is complete.
# Usage: fetch-gnu-efi.sh <output-dir>
set -euo pipefail
out=$(realpath -m "$1")
[ -f "$out/usr/lib/crt0-efi-aarch64.o" ] && exit 0

state="$out.apt"
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$out"
apt_opts=(-o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache"
	  -o "Dir::State::status=/dev/null" -o "APT::Architecture=arm64"
	  -o "APT::Architectures::=arm64" -o "Debug::NoLocking=1" -q)
echo "fetch-gnu-efi: fetching gnu-efi:arm64 (apt-get, private state in $state)"
if ! apt-get "${apt_opts[@]}" update >"$state/update.log" 2>&1; then
	tail -5 "$state/update.log" >&2
	echo "fetch-gnu-efi: apt-get update failed (network?)" >&2
	exit 1
fi
(cd "$state/cache/archives" && apt-get "${apt_opts[@]}" download gnu-efi:arm64 >"$state/download.log" 2>&1) || {
	tail -5 "$state/download.log" >&2
	echo "fetch-gnu-efi: apt-get download gnu-efi:arm64 failed" >&2
	exit 1
}
deb=$(ls "$state"/cache/archives/gnu-efi_*_arm64.deb | head -1)
dpkg-deb -x "$deb" "$out"
[ -f "$out/usr/lib/crt0-efi-aarch64.o" ] || { echo "fetch-gnu-efi: $deb has no crt0-efi-aarch64.o" >&2; exit 1; }
rm -rf "$state/lists"
echo "fetch-gnu-efi: unpacked $(basename "$deb") into $out"
