#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench-devmem`: what devmem TCP saves the receiver.  The same TCP
# stream over linked netdevsim ports received by plain recv(), by
# TCP_ZEROCOPY_RECEIVE and by devmem TCP into a udmabuf
# (guest-bench-devmem.sh): throughput, receiver CPU seconds per GiB and
# its ratio to recv()'s, on the benchmark kernel (no KASAN, no debug
# options: use_perf_build).  A benchmark, not a test: it prints figures
# and fails only when a run cannot be made.
#
# usage: bench-devmem.sh [MIB [REPS]]  (MP_BENCH_MIB, 256; MP_BENCH_REPS, 5)
# The output is also kept in MP_LOGS/bench/devmem-<time>.txt.
set -euo pipefail
MP_TAG=bench-devmem
. "$(dirname "$0")/lib.sh"

mib=${1:-${MP_BENCH_MIB:-256}}
reps=${2:-${MP_BENCH_REPS:-5}}
use_perf_build
"$MP_ROOT/bench/setup.sh"
"$MP_ROOT/bench/tree.sh"
"$MP_ROOT/bench/build.sh"
"$MP_ROOT/bench/kselftest-build.sh"
mkdir -p "$MP_LOGS/bench"
out=$MP_LOGS/bench/devmem-$(date +%Y%m%d-%H%M%S).txt
note "kernel $(tgit describe --always --tags 2>/dev/null || echo '?'), $mib MiB x $reps runs per mode (recv, zerocopy, devmem)"
MP_VM_SHOW='.' "$MP_ROOT/bench/vm.sh" -- "$MP_ROOT/bench/guest-bench-devmem.sh" \
	"$MP_BUILD/kselftest.tar" "$MP_TOOLS/bin" "$mib" "$reps" | tee "$out"
rc=${PIPESTATUS[0]}
note "figures kept in $out"
exit "$rc"
