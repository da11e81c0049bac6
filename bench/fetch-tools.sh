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
# What the tests need of upstream's tree.
UPSTREAM_PATHS=(tools/net/ynl Documentation/netlink)

have_all() {
	local t
	for t in "${TOOLS[@]}"; do
		[ -x "$MP_TOOLS/bin/${t%%:*}" ] || return 1
	done
	[ -e "$UPSTREAM/.complete" ] && [ -x "$MP_TOOLS/bin/ynl" ] &&
		[ -x "$MP_TOOLS/bin/ynl-upstream-tree" ]
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
echo "$UPSTREAM_PKG $ver" >"$UPSTREAM/.complete"
note "$UPSTREAM_PKG $ver from $SUITE: YNL CLI in $MP_TOOLS/bin/ynl, tree in $UPSTREAM"
rm -rf "$work"
