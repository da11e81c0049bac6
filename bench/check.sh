#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: everything from a bare Debian 12 machine to a verdict.
#
# setup -> tree -> in-sync check -> bench self-test -> checkpatch -> build ->
# kselftest build -> one VM boot running KUnit (built in, at boot) and the
# kselftests -> console scan -> table -> "N passed, N failed, N skipped".
#
# Logs: MP_LOGS/check/<time>/ (MP_LOGS/check/latest points at the last).
# MP_ALLOW_UNEXPORTED=1 tests a tree that holds work not in patches/.
set -uo pipefail
MP_TAG=check
. "$(dirname "$0")/lib.sh"

t0=$(date +%s)
cdir=$MP_LOGS/check/$(date +%Y%m%d-%H%M%S)
mkdir -p "$cdir"
ln -sfn "$cdir" "$MP_LOGS/check/latest"
phase() { note "$(printf '%4ds' $(($(date +%s) - t0))) $*"; }
fail() {
	note "$*"
	say "0 passed, 1 failed, 0 skipped"
	exit 1
}

phase "setup"
"$MP_ROOT/bench/setup.sh" || fail "setup failed"
phase "work tree"
"$MP_ROOT/bench/tree.sh" || fail "the series does not apply"
if [ "${MP_ALLOW_UNEXPORTED:-0}" != 1 ]; then
	"$MP_ROOT/bench/status.sh" >"$cdir/series-status.txt" 2>&1 || {
		cat "$cdir/series-status.txt" >&2
		fail "the tree holds work that is not in patches/: export it (or MP_ALLOW_UNEXPORTED=1)"
	}
fi

phase "bench self-test"
python3 "$MP_ROOT/bench/selftest.py" "$cdir/bench.tsv" >"$cdir/bench-selftest.txt" 2>&1 ||
	tail -20 "$cdir/bench-selftest.txt" >&2

phase "checkpatch --strict"
mapfile -t patches < <(series_files)
: >"$cdir/checkpatch.tsv"
if [ ${#patches[@]} -gt 0 ]; then
	"$MP_ROOT/bench/checkpatch.sh" "$cdir/checkpatch" "${patches[@]}" >"$cdir/checkpatch.tsv"
fi

phase "kernel build"
"$MP_ROOT/bench/build.sh" || fail "kernel build failed (log: $MP_LOGS/build.log)"
phase "kselftest build"
"$MP_ROOT/bench/kselftest-build.sh" || fail "kselftest build failed"

phase "VM: KUnit at boot, then kselftests, then the demo"
# The kselftests take about half an hour under TCG: more than vm.sh's
# default limit.
MP_VM_SHOW='^=== ' "$MP_ROOT/bench/vm.sh" --run-dir "$cdir/vm" \
	--timeout "${MP_CHECK_VM_TIMEOUT:-3600}" -- \
	"$MP_ROOT/bench/guest-tests.sh" "$MP_ROOT/tests/kselftests.list" \
	"$MP_BUILD/kselftest.tar" /run/mp/kselftest "$MP_TOOLS/bin" \
	"$MP_ROOT/bench/guest-demo.sh"
vrc=$?
phase "VM exit $vrc"

say ""
python3 "$MP_ROOT/bench/report.py" "$cdir" "$MP_ROOT/tests/kunit.list" | tee "$cdir/report.txt"
rc=${PIPESTATUS[0]}
note "logs: $cdir ($(($(date +%s) - t0))s in all)"
exit "$rc"
