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
# The output is also kept in MP_LOGS/bench/devmem-<time>.txt.  The
# steps are bench-tcp.sh's, with the devmem guest script.
MP_BENCH_KIND=devmem exec "$(dirname "$0")/bench-tcp.sh" "$@"
