#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run inside the VM by bench-tcp.sh: TCP stream throughput and CPU cost
# over two linked netdevsim ports, header split off and on.  The receiver
# does not compare the data (-V): the figures are the receive path's.
#
# usage: guest-bench-tcp.sh KSELFTEST_TAR TOOLS_BIN MIB REPS
# Prints one line per run and a table of medians.
set -u
mkdir -p /tmp/kselftest
tar -C /tmp/kselftest -xf "$1"
PATH=$2:$PATH
MIB=$3
REPS=$4
dir=/tmp/kselftest/drivers/net/netdevsim
cd "$dir" || exit 1
. ./nsim_lib.sh
STREAM=$dir/nsim_stream
skip_all() { echo "bench: $1" >&2; exit 1; }
nsim_require
pair_setup
pair_link || skip_all "cannot link the ports"

# /proc/stat cpu line: busy = user nice system irq softirq; and softirq.
cpu_now() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $8 }' /proc/stat; }
res=$TMP/runs
: >"$res"
port=6000
for mode in off on; do
	et_b -G "$DEV_B" tcp-data-split "$mode" || skip_all "cannot set tcp-data-split $mode"
	for r in $(seq "$REPS"); do
		port=$((port + 1))
		split0=$(qstat split)
		read -r b0 s0 < <(cpu_now)
		stream $ADDR_B $port $((MIB << 20)) -V || skip_all "stream failed"
		read -r b1 s1 < <(cpu_now)
		split=$(($(qstat split) - split0))
		# shellcheck disable=SC2046
		set -- $(tr ' ' '\n' <"$TMP/stream.out" | sed -n 's/^\(bytes\|secs\|mbps\|utime\|stime\)=//p')
		awk -v mode="$mode" -v r="$r" -v bytes="$1" -v secs="$2" -v mbps="$3" \
			-v ut="$4" -v st="$5" -v busy=$((b1 - b0)) -v sirq=$((s1 - s0)) \
			-v nsplit="$split" 'BEGIN {
			gib = bytes / 2^30
			printf "run split=%s rep=%d bytes=%d secs=%.3f mbps=%.1f " \
			       "rx_cpu_s_per_gib=%.3f vm_cpu_s_per_gib=%.3f " \
			       "softirq_s_per_gib=%.3f split_frames=%d\n",
			       mode, r, bytes, secs, mbps, (ut + st) / gib,
			       busy / 100 / gib, sirq / 100 / gib, nsplit
		}' | tee -a "$res"
	done
done

. "$(dirname "$0")/guest-stats.sh"
[ "$(grep -c '^run ' "$res")" = $((2 * REPS)) ] || skip_all "not every run gave figures"
echo
echo "TCP stream over linked netdevsim ports, $MIB MiB a run, $REPS runs each, medians (spread max-min):"
printf '  %-10s %-18s %-22s %-22s %-18s\n' "hds" "Mbit/s" "receiver CPU s/GiB" "VM CPU busy s/GiB" "softirq s/GiB"
for mode in off on; do
	printf '  %-10s %-18s %-22s %-22s %-18s\n' "$mode" \
		"$(median split=$mode mbps) ($(spread split=$mode mbps))" \
		"$(median split=$mode rx_cpu_s_per_gib) ($(spread split=$mode rx_cpu_s_per_gib))" \
		"$(median split=$mode vm_cpu_s_per_gib) ($(spread split=$mode vm_cpu_s_per_gib))" \
		"$(median split=$mode softirq_s_per_gib) ($(spread split=$mode softirq_s_per_gib))"
done
echo "  (receiver CPU: the receiving process's user+system time, which holds"
echo "   the copy to user space; VM CPU busy: all CPU time in the VM, sender,"
echo "   receiver and softirq together; TCG on $(nproc) vCPUs; no debug options)"
