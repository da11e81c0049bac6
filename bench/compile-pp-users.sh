#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make compile-pp-users`: every in-tree page_pool user that builds on
# x86 still compiles, without warnings, against the patched page_pool.
#
# An allmodconfig build of the work tree in its own directory
# (MP_CACHE/build-ppusers), limited to the directories of those users:
# the page_pool core, bpf's test_run, netdevsim and the Ethernet drivers
# named below.  Exit status non-zero on an error or a warning in them.
set -euo pipefail
MP_TAG=pp-users
. "$(dirname "$0")/lib.sh"

"$MP_ROOT/bench/tree.sh"
bd=$MP_CACHE/build-ppusers
log=$MP_LOGS/compile-pp-users.log
dirs=(
	net/core/ net/bpf/ drivers/net/netdevsim/
	drivers/net/ethernet/broadcom/bnxt/
	drivers/net/ethernet/engleder/
	drivers/net/ethernet/freescale/
	drivers/net/ethernet/hisilicon/hns3/
	drivers/net/ethernet/marvell/
	drivers/net/ethernet/mediatek/
	drivers/net/ethernet/mellanox/mlx5/core/
	drivers/net/ethernet/microsoft/mana/
	drivers/net/ethernet/socionext/
	drivers/net/ethernet/stmicro/stmmac/
	drivers/net/ethernet/ti/
)
mkdir -p "$bd" "$MP_LOGS"
kmake() { make -C "$MP_TREE" O="$bd" CC="ccache gcc" "$@"; }
# Made anew each time, so options the series adds or changes are what
# allmodconfig makes of them now (an old .config warns about them).
note "allmodconfig in $bd"
kmake -s allmodconfig >"$log" 2>&1 ||
	{ tail -20 "$log" >&2; die "allmodconfig failed (log: $log)"; }
note "prepare"
kmake -s -j"$MP_JOBS" modules_prepare >>"$log" 2>&1 ||
	{ tail -20 "$log" >&2; die "modules_prepare failed (log: $log)"; }
# Every page_pool user must be configured in, or the build proves nothing.
users=$(grep -rl --include='*.c' 'page_pool_' "${dirs[@]/#/$MP_TREE/}" | wc -l)
note "building ${#dirs[@]} directories ($users files use page_pool)"
t0=$(date +%s)
set +e
kmake -j"$MP_JOBS" "${dirs[@]}" >>"$log" 2>&1
rc=$?
set -e
warn=$(grep -c -E 'warning:|error:' "$log" || true)
grep -E 'warning:|error:' "$log" | head -20 >&2 || true
# A user that was not compiled proves nothing: every one must have its
# object file.
missing=0
for f in $(cd "$MP_TREE" && grep -rl --include='*.c' 'page_pool_' "${dirs[@]}"); do
	[ -e "$bd/${f%.c}.o" ] || { echo "not compiled: $f" >&2; missing=$((missing + 1)); }
done
note "built in $(($(date +%s) - t0))s: exit $rc, $warn warnings/errors, $users users, $missing not compiled (log: $log)"
[ "$rc" = 0 ] && [ "$warn" = 0 ] && [ "$missing" = 0 ]
