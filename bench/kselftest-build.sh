#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the kselftests named in tests/kselftests.list into MP_BUILD/kselftest
# and pack that directory into MP_BUILD/kselftest.tar for the VM.
#
# MP_BUILD/kselftest is a symlink farm of the tree's tools/testing/selftests
# (scripts find their sibling files as they would in the tree), with the
# compiled programs written into it.  Programs compile against the uapi
# headers of the kernel just built.
set -euo pipefail
MP_TAG=kselftest
. "$(dirname "$0")/lib.sh"

manifest=${1:-$MP_ROOT/tests/kselftests.list}
kst=$MP_BUILD/kselftest
src=$MP_TREE/tools/testing/selftests
hdr=$MP_BUILD/usr/include

make -s -C "$MP_TREE" O="$MP_BUILD" headers_install >/dev/null
rm -rf "$kst"
mkdir -p "$kst"
cp -as "$src/." "$kst/"

n=0
log=$MP_LOGS/kselftest-build.log
: >"$log"
while read -r dir prog _tmo extra; do
	progs=()
	[ -e "$src/$dir/$prog.c" ] && progs+=("$prog")
	case ${extra:-} in build=*) IFS=, read -ra more <<<"${extra#build=}"; progs+=("${more[@]}") ;; esac
	for p in "${progs[@]}"; do
		make -C "$src/$dir" OUTPUT="$kst/$dir" \
			KHDR_INCLUDES="-isystem $hdr" "$kst/$dir/$p" >>"$log" 2>&1 ||
			{ tail -20 "$log" >&2; die "building $dir/$p failed (log: $log)"; }
		n=$((n + 1))
	done
	[ -e "$kst/$dir/$prog" ] || die "$dir/$prog: no such test"
done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$manifest")
# The guest unpacks this onto tmpfs: one 9p read instead of thousands.
tar -C "$kst" -cf "$kst.tar" .
note "built $n programs into $kst ($kst.tar)"
