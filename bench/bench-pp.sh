#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench-pp`: page_pool's cost per alloc+recycle on the unpatched
# base kernel and on the patched one, in one command.
#
# Both are benchmark kernels (no KUnit, no debug options, modules on):
# the base from a worktree of the work tree at mp-base
# (MP_CACHE/base/linux, built in MP_CACHE/base/build-perf), the patched
# one from the work tree (build-perf).  bench/ppbench is built against
# each and loaded in a VM under QEMU's instruction counting
# (MP_VM_ICOUNT=1): guest time then advances with instructions executed,
# so the figures do not depend on how busy the host is, and repeated
# runs agree.  Each case runs MP_BENCH_ROUNDS rounds (9) of
# MP_BENCH_LOOPS operations (200000); medians are compared.
#
# Prints per case: base and patched cost per operation, patched/base,
# the spread of the rounds, and the provider-backed pool beside them.
set -euo pipefail
MP_TAG=bench-pp
. "$(dirname "$0")/lib.sh"

rounds=${MP_BENCH_ROUNDS:-9}
loops=${MP_BENCH_LOOPS:-200000}
use_perf_build
"$MP_ROOT/bench/setup.sh"
"$MP_ROOT/bench/tree.sh"

base_tree=$MP_CACHE/base/linux
base_build=$MP_CACHE/base/build-perf
if [ ! -e "$base_tree/.git" ]; then
	tgit worktree prune
	tgit worktree add -q --detach "$base_tree" mp-base
fi
git -C "$base_tree" checkout -q --detach mp-base

note "patched kernel"
"$MP_ROOT/bench/build.sh"
note "base kernel (mp-base)"
# The base lacks the series' own symbols (NET_DEVMEM): not an error there.
MP_TREE=$base_tree MP_BUILD=$base_build MP_BUILD_LOG=$MP_LOGS/build-base-perf.log \
	MP_CONFIG_LAX=1 "$MP_ROOT/bench/build.sh"

out=$MP_LOGS/bench/pp-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
run_one() { # NAME TREE BUILD
	local name=$1 tree=$2 build=$3 mod=$3/ppbench
	rm -rf "$mod"
	mkdir -p "$mod"
	cp "$MP_ROOT/bench/ppbench/ppbench.c" "$MP_ROOT/bench/ppbench/Makefile" "$mod/"
	make -s -C "$tree" O="$build" CC="ccache gcc" M="$mod" modules \
		>"$out/module-$name.log" 2>&1 ||
		{ cat "$out/module-$name.log" >&2; die "ppbench does not build against $name"; }
	note "running on $name (icount; about a minute)"
	MP_BUILD=$build MP_VM_ICOUNT=1 "$MP_ROOT/bench/vm.sh" --quiet \
		--run-dir "$out/vm-$name" -- /bin/sh -c \
		"insmod $mod/ppbench.ko loops=$loops rounds=$rounds; dmesg | grep 'ppbench:'" \
		>/dev/null 2>&1 || true
	grep -o 'ppbench: case=.*' "$out/vm-$name/output.log" >"$out/$name.txt" || true
	grep -q 'ppbench: done' "$out/vm-$name/output.log" ||
		die "no figures from $name (see $out/vm-$name)"
}
run_one base "$base_tree" "$base_build"
run_one patched "$MP_TREE" "$MP_BUILD"

python3 - "$out" <<'PY' | tee "$out/report.txt"
import re, sys
out = sys.argv[1]
def load(name):
    r = {}
    for line in open(f'{out}/{name}.txt'):
        m = re.search(r'case=(\S+) rounds=(\d+) loops=(\d+) median_ps=(\d+) min_ps=(\d+) max_ps=(\d+)', line)
        if m:
            med, lo, hi = (int(x) for x in m.group(4, 5, 6))
            r[m.group(1)] = (med, lo, hi)
    return r
base, patched = load('base'), load('patched')
print('page_pool alloc+recycle, cost per operation (ns of guest time under QEMU icount:')
print('one guest instruction = 1 ns); medians of the rounds, spread = (max-min)/median')
print(f"  {'case':<16} {'base':>9} {'patched':>9} {'patched/base':>13} {'spread base':>12} {'spread patched':>15}")
for case in ('fast-page', 'ring-page', 'fast-frag', 'ring-frag'):
    b, p = base.get(case), patched.get(case)
    if not b or not p:
        print(f'  {case:<16} missing'); continue
    sb = (b[2] - b[1]) / b[0] * 100 if b[0] else 0
    sp = (p[2] - p[1]) / p[0] * 100 if p[0] else 0
    print(f"  {case:<16} {b[0]/1000:>9.1f} {p[0]/1000:>9.1f} {p[0]/b[0]:>13.3f} {sb:>11.1f}% {sp:>14.1f}%")
for case in ('fast-provider', 'ring-provider'):
    p = patched.get(case)
    if not p:
        print(f'  {case:<16} missing (see the patched run\'s log)'); continue
    sp = (p[2] - p[1]) / p[0] * 100 if p[0] else 0
    print(f"  {case:<16} {'-':>9} {p[0]/1000:>9.1f} {'-':>13} {'-':>12} {sp:>14.1f}%")
PY
note "figures kept in $out"
