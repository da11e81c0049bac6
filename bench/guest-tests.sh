#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run inside the VM: run each kselftest of the manifest with its timeout,
# from its directory in a copy of the kselftest farm on tmpfs (tests may
# write beside themselves; the host's root is read-only here), keeping
# each one's output.
#
# usage: guest-tests.sh MANIFEST KSELFTEST_TAR OUT_DIR [TOOLS_BIN]
# TOOLS_BIN (fetch-tools.sh's newer ethtool) goes first on PATH.
# Writes OUT_DIR/<dir>__<prog>.log and one line per test to
# OUT_DIR/results.tsv: DIR PROG EXIT SECONDS.  Always exits 0: the verdict
# is the host's, from those files.
manifest=$1
kst=$2
out=$3
[ -n "${4:-}" ] && PATH=$4:$PATH && export PATH
mkdir -p "$out"
: >"$out/results.tsv"
mkdir -p /tmp/kselftest
tar -C /tmp/kselftest -xf "$kst"
kst=/tmp/kselftest
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$manifest" |
while read -r dir prog tmo _extra; do
	name="$dir/$prog"
	log="$out/$(echo "$name" | tr / _).log"
	echo "=== $name"
	t0=$(date +%s)
	(cd "$kst/$dir" && timeout --kill-after=5 "${tmo:-300}" "./$prog") \
		</dev/null 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	t1=$(date +%s)
	echo "=== $name: exit $rc, $((t1 - t0))s"
	printf '%s\t%s\t%s\t%s\n' "$dir" "$prog" "$rc" "$((t1 - t0))" >>"$out/results.tsv"
done
exit 0
