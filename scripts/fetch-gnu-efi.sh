#!/usr/bin/env bash
# Unpacks GNU-EFI's arm64 build (crt0, linker script, libefi, headers) from Debian's
# gnu-efi:arm64 package into a private folder. Installing it would replace the x86_64
# gnu-efi the x86 EFI build uses, so the .deb is fetched with apt-get through a private
# apt state (arm64 added only there, the machine's apt configuration is untouched) and
# unpacked with dpkg-deb -x. The version is pinned: another one is refused rather than
# silently building the arm64 EFI loader against different code. Cached: does nothing when
# the folder holds the pinned version.
# Usage: fetch-gnu-efi.sh <output-dir>
set -euo pipefail
# Debian bookworm's gnu-efi. To move the pin: change it here, run `make ARCH=arm64` and
# `make check ARCH=arm64` (the uefi mode boots the loader).
GNU_EFI_VERSION=3.0.15-1

out=$(realpath -ms "$1") # -s: never follow a link out of the given folder (rm -rf below)
stamp="$out/.testvisor-gnu-efi-version"
[ -f "$out/usr/lib/crt0-efi-aarch64.o" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$GNU_EFI_VERSION" ] && exit 0

state="$out.apt"
rm -rf "$out"
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$out"
apt_opts=(-o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache"
	  -o "Dir::State::status=/dev/null" -o "APT::Architecture=arm64"
	  -o "APT::Architectures::=arm64" -o "Debug::NoLocking=1" -q)
echo "fetch-gnu-efi: fetching gnu-efi:arm64 $GNU_EFI_VERSION (apt-get, private state in $state)"
if ! apt-get "${apt_opts[@]}" update >"$state/update.log" 2>&1; then
	tail -5 "$state/update.log" >&2
	echo "fetch-gnu-efi: apt-get update failed (network?)" >&2
	exit 1
fi
offered=$(apt-cache "${apt_opts[@]}" policy gnu-efi:arm64 2>/dev/null | sed -n 's/^ *Candidate: *//p')
if [ "$offered" != "$GNU_EFI_VERSION" ]; then
	echo "fetch-gnu-efi: apt offers gnu-efi:arm64 '${offered:-nothing}', but the arm64 EFI build is pinned to $GNU_EFI_VERSION" >&2
	echo "fetch-gnu-efi: refusing; check the new version and move GNU_EFI_VERSION in scripts/fetch-gnu-efi.sh" >&2
	exit 1
fi
rm -f "$state"/cache/archives/gnu-efi_*_arm64.deb
(cd "$state/cache/archives" && apt-get "${apt_opts[@]}" download "gnu-efi:arm64=$GNU_EFI_VERSION" >"$state/download.log" 2>&1) || {
	tail -5 "$state/download.log" >&2
	echo "fetch-gnu-efi: apt-get download gnu-efi:arm64=$GNU_EFI_VERSION failed" >&2
	exit 1
}
deb="$state/cache/archives/gnu-efi_${GNU_EFI_VERSION}_arm64.deb"
[ -f "$deb" ] || { echo "fetch-gnu-efi: $deb was not downloaded" >&2; exit 1; }
dpkg-deb -x "$deb" "$out"
[ -f "$out/usr/lib/crt0-efi-aarch64.o" ] || { echo "fetch-gnu-efi: $deb has no crt0-efi-aarch64.o" >&2; exit 1; }
echo "$GNU_EFI_VERSION" > "$stamp"
rm -rf "$state/lists"
echo "fetch-gnu-efi: unpacked $(basename "$deb") into $out"
