#!/usr/bin/env bash
# Builds newlib (libc.a + headers) for one architecture from Debian's newlib-source into
# build/newlib/<arch>. Cached: does nothing when libc.a is already there.
# Usage: build-newlib.sh <arch> <output-dir>
set -euo pipefail
arch=$1
out=$(realpath -m "$2")
# The cache is keyed by this script's contents: changing a flag here rebuilds.
key=$(sha256sum "$0" | cut -c1-16)
[ -f "$out/lib/libc.a" ] && [ "$(cat "$out/.key" 2>/dev/null)" = "$key" ] && exit 0

src_tar=/usr/src/newlib/newlib-3.3.0.tar.xz
[ -f "$src_tar" ] || { echo "build-newlib: $src_tar missing (run scripts/setup.sh)" >&2; exit 1; }

# Per-architecture flags; they must agree with the ABI of arch/<arch>/build.mk. newlib keeps
# floating point (strtod and friends need it), but is built without auto-vectorization so
# that the integer functions testvisor calls (printf, string functions) leave the FP/SIMD
# registers alone: the hypervisor itself is compiled with -mgeneral-regs-only and does not
# have to save a guest's FP state on every exit.
case "$arch" in
  x86_64)  prefix=x86_64-linux-gnu-;  target=x86_64-elf
           flags="-mno-red-zone -fno-pic -mcmodel=small" ;;
  arm64)   prefix=aarch64-linux-gnu-; target=aarch64-elf
           flags="-mstrict-align -fno-pic" ;;
  riscv64) prefix=riscv64-linux-gnu-; target=riscv64-elf
           flags="-mcmodel=medany -fno-pic" ;;
  s390x)   prefix=s390x-linux-gnu-;   target=s390x-elf
           flags="-msoft-float -fno-pic -D__IEEE_BIG_ENDIAN" ;;
  *) echo "build-newlib: unknown arch '$arch'" >&2; exit 1 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/newlib-$arch.XXXXXX")
trap '[ "${KEEP_NEWLIB_WORK:-}" ] || rm -rf "$work"' EXIT
tar -C "$work" -xf "$src_tar"
srcdir=$(find "$work" -maxdepth 2 -name configure -path '*/configure' -printf '%h\n' | head -1)

if [ "$arch" = s390x ]; then
  # newlib 3.3 has no s390 entry in its CPU table; it needs none of the machine directory.
  sed -i 's/^  sh | sh64)$/  s390x)\n\t;;\n  sh | sh64)/' "$srcdir/newlib/configure.host"
fi

mkdir -p "$work/build"
cd "$work/build"
common_cflags="-O2 -g -fno-tree-vectorize -ffreestanding -fno-stack-protector -ffunction-sections -fdata-sections $flags"
"$srcdir/configure" --target="$target" --prefix="$work/install" \
  --disable-newlib-supplied-syscalls --disable-libgloss --enable-newlib-io-long-long --enable-newlib-io-c99-formats \
  --enable-newlib-nano-malloc --disable-multilib --disable-nls --disable-newlib-io-float \
  CC_FOR_TARGET="${prefix}gcc" AR_FOR_TARGET="${prefix}ar" AS_FOR_TARGET="${prefix}as" \
  LD_FOR_TARGET="${prefix}ld" RANLIB_FOR_TARGET="${prefix}ranlib" \
  NM_FOR_TARGET="${prefix}nm" OBJDUMP_FOR_TARGET="${prefix}objdump" \
  CFLAGS_FOR_TARGET="$common_cflags" >"$work/configure.log" 2>&1 ||
  { tail -30 "$work/configure.log" >&2; echo "build-newlib: configure failed for $arch" >&2; exit 1; }
make -j"$(nproc)" all-target-newlib >"$work/make.log" 2>&1 ||
  { tail -40 "$work/make.log" >&2; echo "build-newlib: build failed for $arch" >&2; exit 1; }
make install-target-newlib >>"$work/make.log" 2>&1 ||
  { tail -20 "$work/make.log" >&2; echo "build-newlib: install failed for $arch" >&2; exit 1; }
# Assemble next to the old copy and swap, so parallel builds never see half a tree.
mkdir -p "$out.new/lib"
cp -r "$work/install/$target/include" "$out.new/"
cp "$work/install/$target/lib/libc.a" "$out.new/lib/"
echo "$key" > "$out.new/.key"
rm -rf "$out.old"
[ -d "$out" ] && mv "$out" "$out.old"
mv "$out.new" "$out"
rm -rf "$out.old"
echo "build-newlib: built $out/lib/libc.a"
