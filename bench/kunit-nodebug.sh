#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make kunit-nodebug`: the KUnit suites of tests/kunit.list on a kernel
# built without the debug options (no DEBUG_NET, KASAN, lockdep, ...), as
# production kernels are.  The page API's refusals of net_iovs
# (page_pool_mp, netmem) are there on every kernel, not only where
# DEBUG_NET compiles extra checks in: this is where that is shown.
#
# The kernel is the test kernel's config without config/50-debug.config,
# built in MP_CACHE/build-kunit, its own directory, so that neither the
# test kernel nor the benchmark kernel goes cold.  It is not part of
# `make check`: a third kernel build would add about ten minutes to every
# run on a cold cache.
#
# Prints one line per suite and "N passed, N failed, N skipped" (cases);
# exits non-zero when a case fails, a listed suite does not run, or the
# kernel reports trouble.
set -euo pipefail
MP_TAG=kunit-nodebug
. "$(dirname "$0")/lib.sh"

export MP_BUILD=$MP_CACHE/build-kunit
export MP_CONFIG_EXCLUDE="50-debug"
export MP_BUILD_LOG=$MP_LOGS/build-kunit.log
"$MP_ROOT/bench/setup.sh"
"$MP_ROOT/bench/tree.sh"
"$MP_ROOT/bench/build.sh"
if grep -q '^CONFIG_DEBUG_NET=y' "$MP_BUILD/.config"; then
	die "CONFIG_DEBUG_NET is on in $MP_BUILD/.config"
fi

out=$MP_LOGS/kunit-nodebug/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
note "booting (KUnit runs at boot)"
vrc=0
"$MP_ROOT/bench/vm.sh" --quiet --run-dir "$out/vm" -- /bin/true || vrc=$?

python3 - "$out/vm/console.log" "$MP_ROOT/tests/kunit.list" "$vrc" \
	"$MP_ROOT/bench" <<'PY' | tee "$out/report.txt"
import sys
sys.path.insert(0, sys.argv[4])
from report import parse_kunit
console = open(sys.argv[1], errors='replace').readlines()
want = [x.split('#')[0].strip() for x in open(sys.argv[2])]
want = [x for x in want if x]
vrc = int(sys.argv[3])
kunit = parse_kunit(console)
passed = failed = skipped = 0
for name in want:
    s = kunit.get(name)
    if s is None:
        print(f'  {name:<24} did not run')
        failed += 1
        continue
    print(f'  {name:<24} {s.passed} passed, {s.failed} failed, {s.skipped} skipped')
    passed += s.passed
    failed += s.failed
    skipped += s.skipped
if vrc:
    print(f'  vm exit {vrc} (126: the kernel reported trouble; see the console)')
    failed += 1
print(f'{passed} passed, {failed} failed, {skipped} skipped')
sys.exit(1 if failed else 0)
PY
rc=${PIPESTATUS[0]}
note "logs: $out"
exit "$rc"
