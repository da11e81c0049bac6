#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench-tcp`: the baseline that zero-copy receive is compared with.
# TCP stream throughput and CPU time per GiB over linked netdevsim ports
# in the VM, header split off and on (guest-bench-tcp.sh), on the
# benchmark kernel (no KASAN, no debug options: use_perf_build).  A benchmark,
# not a test: it prints figures and fails only when a run cannot be made.
#
# usage: bench-tcp.sh [MIB [REPS]]  (MP_BENCH_MIB, 256; MP_BENCH_REPS, 5)
# The output is also kept in MP_LOGS/bench/tcp-<time>.txt.
# bench-devmem.sh runs this with MP_BENCH_KIND=devmem: its guest script
# (guest-bench-devmem.sh) instead, output kept as devmem-<time>.txt.
set -euo pipefail
kind=${MP_BENCH_KIND:-tcp}
MP_TAG=bench-$kind
. "$(dirname "$0")/lib.sh"

mib=${1:-${MP_BENCH_MIB:-256}}
reps=${2:-${MP_BENCH_REPS:-5}}
use_perf_build
"$MP_ROOT/bench/setup.sh"
"$MP_ROOT/bench/tree.sh"
"$MP_ROOT/bench/build.sh"
"$MP_ROOT/bench/kselftest-build.sh"
mkdir -p "$MP_LOGS/bench"
out=$MP_LOGS/bench/$kind-$(date +%Y%m%d-%H%M%S).txt
note "kernel $(tgit describe --always --tags 2>/dev/null || echo '?'), $mib MiB x $reps runs per mode"
MP_VM_SHOW='.' "$MP_ROOT/bench/vm.sh" -- "$MP_ROOT/bench/guest-bench-$kind.sh" \
	"$MP_BUILD/kselftest.tar" "$MP_TOOLS/bin" "$mib" "$reps" | tee "$out"
rc=${PIPESTATUS[0]}
note "figures kept in $out"
exit "$rc"
