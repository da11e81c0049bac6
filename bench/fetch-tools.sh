#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tools newer than bookworm has, unpacked (not installed) under
# MP_TOOLS/root, with their programs linked into MP_TOOLS/bin; tests and
# the demo put that directory first on PATH.
#
#   ethtool  bookworm's 6.1 cannot set tcp-data-split (header split);
#            trixie's can.  Its .deb needs only libc6 >= 2.34 and libmnl0,
#            both in bookworm.
#
# The package is taken from trixie's current index and checked along the
# archive's chain of trust: InRelease signed by a key in the
# debian-archive-keyring, Packages.xz by the hash InRelease lists, the
# .deb by the hash Packages lists.
set -euo pipefail
MP_TAG=tools
. "$(dirname "$0")/lib.sh"

MIRROR=${MP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=trixie
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
TOOLS=(ethtool:usr/sbin/ethtool)

have_all() {
	local t
	for t in "${TOOLS[@]}"; do
		[ -x "$MP_TOOLS/bin/${t%%:*}" ] || return 1
	done
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

for t in "${TOOLS[@]}"; do
	name=${t%%:*} path=${t#*:}
	read -r file sha ver < <(awk -v p="$name" '
		/^Package: / { in_p = ($2 == p) }
		in_p && /^Version: / { v = $2 }
		in_p && /^Filename: / { f = $2 }
		in_p && /^SHA256: / { h = $2 }
		/^$/ { if (in_p && f != "") { print f, h, v; exit } in_p = 0 }' "$work/Packages")
	[ -n "${file:-}" ] || die "$SUITE has no package $name"
	deb=$work/${file##*/}
	fetch "$MIRROR/$file" "$deb"
	echo "$sha  $deb" | sha256sum -c --quiet - || die "$deb: hash mismatch"
	dpkg-deb -x "$deb" "$MP_TOOLS/root"
	ln -sf "$MP_TOOLS/root/$path" "$MP_TOOLS/bin/$name"
	"$MP_TOOLS/bin/$name" --version >/dev/null 2>&1 ||
		die "$name $ver from $SUITE does not run here"
	note "$name $ver from $SUITE in $MP_TOOLS/bin"
done
rm -rf "$work"
