#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run inside the VM: run each kselftest of the manifest with its timeout,
# from its directory in a copy of the kselftest farm on tmpfs (tests may
# write beside themselves; the host's root is read-only here), keeping
# each one's output.  Then, if named, the demo (guest-demo.sh), so that
# `make check` proves `make demo` works.
#
# usage: guest-tests.sh MANIFEST KSELFTEST_TAR OUT_DIR [TOOLS_BIN [DEMO]]
# TOOLS_BIN (fetch-tools.sh's newer ethtool) goes first on PATH.
# Writes OUT_DIR/<dir>__<prog>.log and one line per test to
# OUT_DIR/results.tsv: DIR PROG EXIT SECONDS.  Always exits 0: the verdict
# is the host's, from those files.
manifest=$1
kst_tar=$2
out=$3
tools=${4:-}
demo=${5:-}
[ -n "$tools" ] && PATH=$tools:$PATH && export PATH
mkdir -p "$out"
: >"$out/results.tsv"
mkdir -p /tmp/kselftest
tar -C /tmp/kselftest -xf "$kst_tar"
kst=/tmp/kselftest

run() { # DIR PROG TIMEOUT COMMAND...
	local dir=$1 prog=$2 tmo=$3 name=$1/$2 log t0 t1 rc
	shift 3
	log="$out/$(echo "$name" | tr / _).log"
	echo "=== $name"
	t0=$(date +%s)
	timeout --kill-after=5 "$tmo" "$@" </dev/null 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	t1=$(date +%s)
	echo "=== $name: exit $rc, $((t1 - t0))s"
	printf '%s\t%s\t%s\t%s\n' "$dir" "$prog" "$rc" "$((t1 - t0))" >>"$out/results.tsv"
}

while read -r dir prog tmo _extra; do
	run "$dir" "$prog" "${tmo:-300}" sh -c 'cd "$1" && exec "./$2"' - "$kst/$dir" "$prog"
done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$manifest")
# 4 MiB a stream: here the demo proves `make demo` works; its figures
# are make demo's own (16 MiB).
[ -n "$demo" ] && run bench demo 600 "$demo" "$kst_tar" "$tools" 4
exit 0
