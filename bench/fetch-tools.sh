#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tools newer than bookworm has, unpacked (not installed) under MP_TOOLS,
# with their programs linked into MP_TOOLS/bin; tests and the demo put
# that directory first on PATH.
#
#   ethtool  bookworm's 6.1 cannot set tcp-data-split (header split);
#            trixie's can.  Its .deb needs only libc6 >= 2.34 and libmnl0,
#            both in bookworm.
#   upstream's netlink userspace, from trixie's linux-source-6.12: the
#            YNL CLI and library (tools/net/ynl), the netlink specs and
#            schemas (Documentation/netlink), used unmodified by the
#            selftests to check that this kernel speaks upstream's
#            families.  Unpacked to MP_TOOLS/linux-6.12; MP_TOOLS/bin/ynl
#            runs the CLI with Debian's python3, ynl-upstream-tree says
#            where the tree is.
#   ncdevmem upstream's devmem TCP receiver (tools/testing/selftests/net/
#            ncdevmem.c of the same tree), built unmodified the way
#            upstream's selftests build it: the netdev family's YNL C
#            code generated from upstream's spec, with upstream's
#            ynl-gen-c.py, and everything compiled against upstream's
#            uapi headers (made user-ready by upstream's
#            scripts/headers_install.sh), so the binary carries
#            upstream's ABI numbers, not this kernel's.  Installed as
#            MP_TOOLS/bin/ncdevmem.  It runs "sudo ethtool ..." itself:
#            its test must give it a sudo that keeps PATH (Debian's
#            resets it, to bookworm's ethtool).
#
# Packages are taken from trixie's current index (the newest version it
# lists) and checked along the archive's chain of trust: InRelease
# signed by a key in the debian-archive-keyring, Packages.xz by the hash
# InRelease lists, the .deb by the hash Packages lists.
set -euo pipefail
MP_TAG=tools
. "$(dirname "$0")/lib.sh"

MIRROR=${MP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=trixie
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
TOOLS=(ethtool:usr/sbin/ethtool)
UPSTREAM_PKG=linux-source-6.12
UPSTREAM=$MP_TOOLS/linux-6.12
# What the tests need of upstream's tree: the YNL CLI, library and
# generator with the specs, and what building ncdevmem takes.
# ynl-gen-c.py finds the tree's root by its MAINTAINERS file (and loops
# forever without one); the uapi headers are installed for userspace by
# headers_install.sh, which runs scripts/unifdef.
UPSTREAM_PATHS=(tools/net/ynl Documentation/netlink MAINTAINERS
	include/uapi arch/x86/include/uapi
	scripts/headers_install.sh scripts/unifdef.c
	tools/testing/selftests/net/ncdevmem.c)

have_all() {
	local t p
	for t in "${TOOLS[@]}"; do
		[ -x "$MP_TOOLS/bin/${t%%:*}" ] || return 1
	done
	# A tree unpacked before UPSTREAM_PATHS grew lacks the new paths.
	for p in "${UPSTREAM_PATHS[@]}"; do
		[ -e "$UPSTREAM/$p" ] || return 1
	done
	[ -e "$UPSTREAM/.complete" ] && [ -x "$MP_TOOLS/bin/ynl" ] &&
		[ -x "$MP_TOOLS/bin/ynl-upstream-tree" ] &&
		[ -x "$MP_TOOLS/bin/ncdevmem" ]
}
if have_all && [ -z "${MP_TOOLS_REFRESH:-}" ]; then
	note "tools present in $MP_TOOLS/bin"
	exit 0
fi

work=$MP_TOOLS/download
rm -rf "$work"
mkdir -p "$work" "$MP_TOOLS/bin" "$MP_TOOLS/root"
fetch() { curl -sSf --retry 3 -o "$2" "$1" || die "cannot fetch $1"; }

fetch "$MIRROR/dists/$SUITE/InRelease" "$work/InRelease"
gpgv --keyring "$KEYRING" --output "$work/Release" "$work/InRelease" 2>"$work/gpgv.log" ||
	{ cat "$work/gpgv.log" >&2; die "$SUITE InRelease: bad signature"; }
want=$(awk '/^SHA256:/ { s = 1; next } /^[^ ]/ { s = 0 }
	s && $3 == "main/binary-amd64/Packages.xz" { print $1 }' "$work/Release")
[ -n "$want" ] || die "$SUITE Release lists no main/binary-amd64/Packages.xz"
fetch "$MIRROR/dists/$SUITE/main/binary-amd64/Packages.xz" "$work/Packages.xz"
echo "$want  $work/Packages.xz" | sha256sum -c --quiet - ||
	die "$SUITE Packages.xz: hash mismatch"
xz -dc "$work/Packages.xz" >"$work/Packages"

# fetch_deb PACKAGE: download the newest version of PACKAGE the index
# lists, check it, print "PATH VERSION".
fetch_deb() {
	local name=$1 file sha ver best= bfile= bsha=
	while read -r file sha ver; do
		if [ -z "$best" ] || dpkg --compare-versions "$ver" gt "$best"; then
			best=$ver bfile=$file bsha=$sha
		fi
	done < <(awk -v p="$name" '
		/^Package: / { in_p = ($2 == p); f = ""; h = ""; v = "" }
		in_p && /^Version: / { v = $2 }
		in_p && /^Filename: / { f = $2 }
		in_p && /^SHA256: / { h = $2 }
		/^$/ { if (in_p && f != "") print f, h, v; in_p = 0 }' "$work/Packages")
	[ -n "$best" ] || die "$SUITE has no package $name"
	local deb=$work/${bfile##*/}
	fetch "$MIRROR/$bfile" "$deb"
	echo "$bsha  $deb" | sha256sum -c --quiet - || die "$deb: hash mismatch"
	echo "$deb $best"
}

for t in "${TOOLS[@]}"; do
	name=${t%%:*} path=${t#*:}
	read -r deb ver < <(fetch_deb "$name")
	dpkg-deb -x "$deb" "$MP_TOOLS/root"
	ln -sf "$MP_TOOLS/root/$path" "$MP_TOOLS/bin/$name"
	"$MP_TOOLS/bin/$name" --version >/dev/null 2>&1 ||
		die "$name $ver from $SUITE does not run here"
	note "$name $ver from $SUITE in $MP_TOOLS/bin"
done

read -r deb ver < <(fetch_deb "$UPSTREAM_PKG")
dpkg-deb -x "$deb" "$work/src"
tarball=$(find "$work/src/usr/src" -maxdepth 1 -name 'linux-source-6.12.tar.*' | head -1)
[ -n "$tarball" ] || die "$UPSTREAM_PKG $ver holds no source tarball"
rm -rf "$UPSTREAM"
mkdir -p "$UPSTREAM"
tar -C "$UPSTREAM" --strip-components=1 -xf "$tarball" \
	"${UPSTREAM_PATHS[@]/#/linux-source-6.12/}"
cat >"$MP_TOOLS/bin/ynl" <<EOF
#!/bin/sh
# Upstream's YNL CLI ($UPSTREAM_PKG $ver from $SUITE), unmodified.
exec /usr/bin/python3 "$UPSTREAM/tools/net/ynl/cli.py" "\$@"
EOF
cat >"$MP_TOOLS/bin/ynl-upstream-tree" <<EOF
#!/bin/sh
# Where upstream's tools/net/ynl and Documentation/netlink are.
echo "$UPSTREAM"
EOF
chmod +x "$MP_TOOLS/bin/ynl" "$MP_TOOLS/bin/ynl-upstream-tree"
"$MP_TOOLS/bin/ynl" --help >/dev/null 2>&1 ||
	die "upstream's YNL CLI from $UPSTREAM_PKG $ver does not run here"

# ncdevmem, built as upstream's selftests build it (net/Makefile with
# net/ynl.mk: the program, YNL's lib/ynl.c and the generated family
# code, against the tree's installed uapi headers), but generating only
# the netdev family, the one it uses.
bld=$work/ncdevmem
log=$bld/build.log
mkdir -p "$bld/scripts" "$bld/ynl"
ln -s "$UPSTREAM" "$bld/up"
build_failed() {
	tail -20 "$log" >&2
	die "ncdevmem from $UPSTREAM_PKG $ver: $1 failed (log: $log)"
}
# What `make headers_install` puts in usr/include, minus the few asm
# headers it generates (unistd_64.h and wrappers of asm-generic ones):
# those come from bookworm's linux-libc-dev.  headers_install.sh runs
# scripts/unifdef of the current directory.
cc -O2 -o "$bld/scripts/unifdef" "$UPSTREAM/scripts/unifdef.c" >"$log" 2>&1 ||
	build_failed "building unifdef"
for d in include/uapi arch/x86/include/uapi; do
	(cd "$UPSTREAM/$d" && find . -name '*.h' -printf "up/$d %P\n")
done | (cd "$bld" && xargs -P "$(nproc)" -n 2 sh -c \
	'mkdir -p "usr/include/${2%/*}" && sh up/scripts/headers_install.sh "$1/$2" "usr/include/$2"' \
	sh) >>"$log" 2>&1 || build_failed "installing the uapi headers"
spec=$UPSTREAM/Documentation/netlink/specs/netdev.yaml
for part in header:h source:c; do
	/usr/bin/python3 "$UPSTREAM/tools/net/ynl/ynl-gen-c.py" --mode user --${part%:*} \
		--spec "$spec" -o "$bld/ynl/netdev-user.${part#*:}" >>"$log" 2>&1 ||
		build_failed "generating the netdev family's ${part%:*}"
done
# Upstream's headers first: the ABI numbers are upstream's.
cflags=(-std=gnu11 -O2 -g -Wall -I"$bld/usr/include"
	-I"$UPSTREAM/tools/net/ynl/lib" -I"$bld/ynl")
for src in "$UPSTREAM/tools/net/ynl/lib/ynl.c" "$bld/ynl/netdev-user.c" \
	"$UPSTREAM/tools/testing/selftests/net/ncdevmem.c"; do
	obj=${src##*/}
	cc "${cflags[@]}" -c -o "$bld/${obj%.c}.o" "$src" >>"$log" 2>&1 ||
		build_failed "compiling ${src#"$UPSTREAM"/}"
done
cc -o "$bld/ncdevmem" "$bld/ncdevmem.o" "$bld/netdev-user.o" "$bld/ynl.o" \
	-lmnl >>"$log" 2>&1 || build_failed "linking"
# Not run here: whatever its arguments, it goes on to reconfigure a
# device (eth1 by default) with ethtool.  Check that it would load.
missing=$(ldd "$bld/ncdevmem" | grep 'not found' || true)
[ -z "$missing" ] || die "ncdevmem from $UPSTREAM_PKG $ver misses: $missing"
install -m 0755 "$bld/ncdevmem" "$MP_TOOLS/bin/ncdevmem"
note "ncdevmem from $UPSTREAM_PKG $ver in $MP_TOOLS/bin"
echo "$UPSTREAM_PKG $ver" >"$UPSTREAM/.complete"
note "$UPSTREAM_PKG $ver from $SUITE: YNL CLI in $MP_TOOLS/bin/ynl, tree in $UPSTREAM"
rm -rf "$work"
