#!/usr/bin/env bash
# The README's commands on a freshly debootstrapped Debian 12 (minbase plus git, make, sudo,
# ca-certificates): proves setup.sh installs everything the build and the tests use.
# Creates the chroot under build/fresh-debian/ (the base tarball is cached there), clones
# the committed tree (HEAD) into it, and runs each command as an ordinary user with sudo,
# printing the tail of its output and its exit status. The mirror is this machine's own
# Debian apt entry. Needs root (or sudo) and the network; QEMU runs with TCG inside.
# Usage: scripts/fresh-debian.sh [command ...]
#   (default: "make run" "make lava-check" "make check": the README's commands and CI's)
# KEEP=1 keeps the chroot afterwards (build/fresh-debian/root); it is removed otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/debian-apt-entry.sh
if [ "$(id -u)" -ne 0 ]; then
  exec sudo KEEP="${KEEP:-}" bash "$0" "$@"
fi
[ $# -gt 0 ] || set -- "make run" "make lava-check" "make check"

# What the issue's minimal machine has beyond minbase. Part of the tarball's name, so a
# change makes a new one.
BASE_PACKAGES=git,make,sudo,ca-certificates
work=$PWD/build/fresh-debian
tarball=$work/bookworm-minbase-$(echo "$BASE_PACKAGES" | sha256sum | cut -c1-8).tgz
root=$work/root
user=tester

debian_apt_entry || { echo "fresh-debian: no Debian bookworm entry in this machine's apt sources" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

# Everything mounted under the chroot, deepest first; removing the tree afterwards must
# never reach through a bind mount into the machine's own /dev.
unmount_all() {
  local m
  [ -d "$root" ] || return 0
  for m in $(findmnt -rn -o TARGET | grep -F "$root" | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
}
cleanup() {
  unmount_all
  local mounts
  mounts=$(findmnt -rn -o TARGET)
  if [ -z "${KEEP:-}" ] && [ -d "$root" ] && ! grep -qF "$root" <<< "$mounts"; then
    rm -rf --one-file-system "$root"
  fi
}
# shellcheck disable=SC2317 # (called through the trap)
trap cleanup EXIT

mkdir -p "$work"
if [ ! -f "$tarball" ]; then
  echo "fresh-debian: debootstrap --variant=minbase bookworm from $DEBIAN_URI (cached as $tarball)"
  rm -rf "$work/tarball-tmp"
  debootstrap --variant=minbase --include="$BASE_PACKAGES" --make-tarball="$tarball.tmp" \
    bookworm "$work/tarball-tmp" "$DEBIAN_URI" > "$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  mv "$tarball.tmp" "$tarball"
  rm -rf "$work/tarball-tmp"
fi

unmount_all
rm -rf --one-file-system "$root"
echo "fresh-debian: unpacking a new chroot in $root"
debootstrap --variant=minbase --include="$BASE_PACKAGES" --unpack-tarball="$tarball" \
  bookworm "$root" "$DEBIAN_URI" > "$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }

cp /etc/resolv.conf "$root/etc/resolv.conf"
# sudo looks the host name up.
printf '127.0.0.1 localhost %s\n' "$(hostname)" > "$root/etc/hosts"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"

# A new user as the README expects one: a login with sudo, and a clone of the committed tree.
chroot "$root" useradd -m -s /bin/bash "$user"
echo "$user ALL=(ALL) NOPASSWD:ALL" > "$root/etc/sudoers.d/$user"
chmod 440 "$root/etc/sudoers.d/$user"
# The user's home as useradd made it inside the chroot (not a path of this machine).
home=$(chroot "$root" getent passwd "$user" | cut -d: -f6)
[ -n "$home" ] || { echo "fresh-debian: user $user has no home in the chroot" >&2; exit 1; }
head=$(git rev-parse HEAD)
git clone -q --no-hardlinks . "$root$home/testvisor"
git -C "$root$home/testvisor" checkout -q "$head"
chroot "$root" chown -R "$user:$user" "$home/testvisor"
echo "fresh-debian: $(git log -1 --format='%h %s' "$head")"

status=0
for cmd in "$@"; do
  log=$work/$(echo "$cmd" | tr -c 'A-Za-z0-9_\n-' '_').log
  echo "== $cmd (log: $log)"
  start=$(date +%s)
  rc=0
  chroot --userspec="$user:$user" "$root" env -i HOME="$home" USER="$user" LANG=C.UTF-8 \
    PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
    bash -c "cd ~/testvisor && $cmd" < /dev/null > "$log" 2>&1 || rc=$?
  tail -n "${TAIL_LINES:-15}" "$log" | sed 's/^/    /'
  echo "fresh-debian: '$cmd' exited $rc after $(( $(date +%s) - start )) s"
  [ $rc -eq 0 ] || status=1
done
exit $status
