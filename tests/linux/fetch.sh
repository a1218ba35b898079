#!/usr/bin/env bash
# Fetches Debian's kernel and busybox-static for one architecture with apt-get download
# (private apt state under build/linux/<arch>/apt: the machine's own configuration and
# package lists are left alone) and makes the guest's two files:
#   build/linux/<arch>/Image          the kernel, uncompressed (the arm64 or RISC-V Image format);
#                                     on x86_64 the bzImage as the package has it
#   build/linux/<arch>/initramfs.cpio busybox and an /init that prints a marker and
#                                     powers off (tests/linux/init)
# Nothing here is committed; a second run reuses what it fetched.
# Exit status 77 (skip) when the fetch cannot run here: no Debian apt entry on this
# machine, or the archive unreachable; anything else that fails is 1.
# Usage: tests/linux/fetch.sh <arch>   (arm64 and x86_64 (Debian's amd64) from bookworm;
# riscv64 from trixie, Debian 13, where riscv64 is an official port: Debian 12 has none)
set -euo pipefail
cd "$(dirname "$0")/../.."
arch=${1:?usage: tests/linux/fetch.sh <arch>}
case $arch in
  arm64) deb_arch=arm64 suite=bookworm ;;
  riscv64) deb_arch=riscv64 suite=trixie ;;
  x86_64) deb_arch=amd64 suite=bookworm ;;
  *) echo "linux-fetch: no Debian kernel for $arch (arm64, riscv64 and x86_64 here)" >&2; exit 2 ;;
esac
out=build/linux/$arch
[ -s "$out/Image" ] && [ -s "$out/initramfs.cpio" ] && [ "$out/initramfs.cpio" -nt tests/linux/init ] && exit 0
. scripts/debian-apt-entry.sh
debian_apt_entry || { echo "linux-fetch: this machine has no Debian bookworm apt entry" >&2; exit 77; }
apt_dir=$PWD/$out/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$out/debs"
signed=${DEBIAN_KEYRING:+ signed-by=$DEBIAN_KEYRING}
# The same archive (this machine's bookworm entry) serves trixie; the same keyring signs it.
echo "deb [arch=$deb_arch$signed] $DEBIAN_URI $suite main" > "$apt_dir/sources.list"
apt_opts=(-q -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
  -o "APT::Architecture=$deb_arch" -o "APT::Architectures=$deb_arch"
  -o APT::Sandbox::User=root)
# apt checks the suite's InRelease signature as always (an unsigned or unverifiable suite
# fails the update); bookworm's debian-archive-keyring carries trixie's keys too.
if ! apt-get "${apt_opts[@]}" update > "$out/apt-update.log" 2>&1; then
  cat "$out/apt-update.log" >&2
  grep -q NO_PUBKEY "$out/apt-update.log" &&
    echo "linux-fetch: the machine's keyring has no key for $suite (update debian-archive-keyring)" >&2
  exit 1
fi
# apt-get update ends well with only warnings when the archive cannot be reached.
if grep -qE "^(W|E): (Failed to fetch|Some index files failed)" "$out/apt-update.log" ||
   ! ls "$apt_dir/lists/"*_Packages* > /dev/null 2>&1; then
  echo "linux-fetch: the Debian archive could not be reached ($(grep -m1 -E '^(W|E):' "$out/apt-update.log" | sed 's#[a-z]*://[^ ]*#<archive>#g'))" >&2
  exit 77
fi
# The versioned image package the linux-image-<arch> metapackage names.
kernel_pkg=$(apt-cache "${apt_opts[@]}" depends "linux-image-$deb_arch" | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
[ -n "$kernel_pkg" ] || { echo "linux-fetch: no linux-image package for $deb_arch" >&2; exit 1; }
(cd "$out/debs" && apt-get "${apt_opts[@]}" download "$kernel_pkg" busybox-static > ../apt-download.log 2>&1) ||
  { cat "$out/apt-download.log" >&2; exit 1; }
rm -rf "$out/kernel" "$out/busybox" "$out/initramfs-tree"
dpkg-deb -x "$out/debs/${kernel_pkg}_"*.deb "$out/kernel"
dpkg-deb -x "$out/debs"/busybox-static_*.deb "$out/busybox"
# Debian 12's arm64 /boot/vmlinuz-* is the plain Image (a gzip-compressed one is unpacked);
# Debian 13's riscv64 package has /boot/vmlinux-*, the flat RISC-V Image with the EFI stub
# ("MZ" first, magic "RSC\x05" at 0x38), not an ELF despite the name. Debian 12's amd64
# /boot/vmlinuz-* is a bzImage (boot.rst: "HdrS" at 0x202), taken as it is.
kimage=$(ls "$out/kernel/boot/"vmlinu[xz]-* | head -1)
if [ "$arch" != x86_64 ] && [ "$(head -c 2 "$kimage" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
  gzip -dc "$kimage" > "$out/Image"
else
  cp "$kimage" "$out/Image"
fi
case $arch in
  arm64) magic_off=56 magic=41524d64 ;;   # "ARM\x64"
  riscv64) magic_off=56 magic=52534305 ;; # "RSC\x05"
  x86_64) magic_off=514 magic=48647253 ;;  # "HdrS"
esac
[ "$(od -An -tx1 -j $magic_off -N 4 "$out/Image" | tr -d ' ')" = $magic ] ||
  { echo "linux-fetch: $kimage is not a $arch Linux Image (no magic at $magic_off)" >&2; rm -f "$out/Image"; exit 1; }
mkdir -p "$out/initramfs-tree/bin" "$out/initramfs-tree/dev" "$out/initramfs-tree/proc" "$out/initramfs-tree/sys"
# bookworm ships /bin/busybox, trixie (merged /usr) /usr/bin/busybox.
cp "$(ls "$out/busybox/bin/busybox" "$out/busybox/usr/bin/busybox" 2>/dev/null | head -1)" "$out/initramfs-tree/bin/busybox"
ln -sf busybox "$out/initramfs-tree/bin/sh"
install -m 755 tests/linux/init "$out/initramfs-tree/init"
(cd "$out/initramfs-tree" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out/initramfs.cpio"
echo "linux-fetch: $kernel_pkg -> $out/Image ($(stat -c %s "$out/Image") bytes), initramfs.cpio ($(stat -c %s "$out/initramfs.cpio") bytes)"
