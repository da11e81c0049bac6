#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run inside the VM by demo.sh: two netdevsim ports in two namespaces,
# linked; header split on at the receiver; one TCP stream steered to
# queue 2 by an ntuple rule; a pattern sent and every byte verified; a
# short summary.  Exits non-zero when the data or the steering is wrong.
#
# usage: guest-demo.sh KSELFTEST_TAR TOOLS_BIN [MIB]
set -u
mkdir -p /tmp/kselftest
tar -C /tmp/kselftest -xf "$1"
PATH=$2:$PATH
MIB=${3:-16}
QUEUE=2
PORT=5201
dir=/tmp/kselftest/drivers/net/netdevsim
cd "$dir" || exit 1
# The selftests' helpers: ports, namespaces, link, counters, cleanup.
. ./nsim_lib.sh
STREAM=$dir/nsim_stream
skip_all() { echo "demo: $1" >&2; exit 1; }

step() { printf '  %-58s' "$1"; shift; if "$@" >"$TMP/step.log" 2>&1; then echo ok; else echo FAILED; cat "$TMP/step.log"; exit 1; fi; }

echo "netdevsim: a NIC with a receive datapath, in a VM"
nsim_require
step "two ports, two namespaces" pair_setup
step "link $DEV_A (in $NS_A) to $DEV_B (in $NS_B)" pair_link
step "header split on at $DEV_B" et_b -G "$DEV_B" tcp-data-split on
step "ntuple: tcp4 dst-port $PORT -> queue $QUEUE" \
	et_b -N "$DEV_B" flow-type tcp4 dst-port $PORT action $QUEUE loc 0

# One ethtool -S before and one after (each is slow in the debug VM).
stats_before=$(et_b -S "$DEV_B")
t_stat() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
cpu0=$(t_stat)
printf '  %-58s' "send $MIB MiB $ADDR_A -> $ADDR_B:$PORT"
if stream $ADDR_B $PORT $((MIB << 20)); then echo ok; else echo FAILED; fi
cpu1=$(t_stat)
out=$(cat "$TMP/stream.out")
kv() { echo "$out" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

echo
echo "summary"
printf '  %-16s %s\n' "bytes" "$(kv bytes) ($MIB MiB)"
printf '  %-16s %s\n' "verified" "$(kv verified)"
printf '  %-16s %s Mbit/s (%s s)\n' "throughput" "$(kv mbps)" "$(kv secs)"
printf '  %-16s %s s user, %s s system (receiving process)\n' "receiver CPU" \
	"$(kv utime)" "$(kv stime)"
printf '  %-16s %s s, both namespaces and softirq, 2 vCPUs\n' "VM CPU busy" \
	"$(awk -v d=$((cpu1 - cpu0)) 'BEGIN { printf "%.2f", d / 100 }')"
printf '  %-16s %-10s %-10s %-10s %-10s\n' "queue ($DEV_B)" frames split hdr-only multi-buf
stats_after=$(et_b -S "$DEV_B")
stat_at() { # STATS KEY: the value of one ethtool -S counter
	echo "$1" | awk -v k="$2:" '$1 == k { print $2 }'
}
steered=0
others=0
for q in 0 1 2 3; do
	row=()
	for k in packets split hdr_only multi_buf; do
		row+=($(($(stat_at "$stats_after" rx${q}_$k) - $(stat_at "$stats_before" rx${q}_$k))))
	done
	printf '  %-16s %-10s %-10s %-10s %-10s\n' "rx$q" "${row[@]}"
	if [ $q = $QUEUE ]; then steered=${row[0]}; split=${row[1]}; else others=$((others + row[0])); fi
done

ok=1
[ "$(kv verified)" = yes ] || { echo "demo: the data did not verify" >&2; ok=0; }
[ "$steered" -gt 0 ] && [ "$others" -lt $((steered / 100 + 10)) ] ||
	{ echo "demo: the stream did not stay on queue $QUEUE" >&2; ok=0; }
[ "$split" -gt 0 ] || { echo "demo: no frame was split" >&2; ok=0; }
[ $ok = 1 ] && echo "demo: ok" && exit 0
exit 1
