#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run inside the VM by demo.sh: two netdevsim ports in two namespaces,
# linked; header split on at the receiver; one TCP stream steered to
# queue 2 by an ntuple rule; a pattern sent and every byte verified; a
# short summary.  Then devmem TCP: a udmabuf bound to queue 2 with the
# netdev family's bind-rx, the same stream received into it with
# recvmsg(MSG_SOCK_DEVMEM), every byte verified through the udmabuf's
# mapping, every token given back, and nothing left once the receiver
# is gone.  Exits non-zero when the data, the steering or the teardown
# is wrong.
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

# --- devmem TCP ---------------------------------------------------------
DEVMEM=$dir/nsim_devmem
DMABUF_INFO=/sys/kernel/debug/dma_buf/bufinfo
echo
echo "devmem TCP: the same stream into a udmabuf bound to queue $QUEUE"
[ -x "$DEVMEM" ] && [ -c /dev/udmabuf ] ||
	{ echo "demo: no nsim_devmem or /dev/udmabuf" >&2; exit 1; }
# RSS keeps everything else off the bound queue.
step "rss over queues 0 and 1 only" et_b -X "$DEV_B" weight 1 1 0 0
IDX_B=$(ifindex $NS_B "$DEV_B")
mp0=$(et_b -S "$DEV_B" | awk -v k="rx${QUEUE}_mp_bufs:" '$1 == k { print $2 }')
ip netns exec $NS_B "$DEVMEM" rx -i "$IDX_B" -q $QUEUE -p $PORT -n $((MIB << 20)) \
	>"$TMP/devmem.out" 2>&1 &
rx=$!
for _ in $(seq 200); do
	grep -q '^bound id=\|^err=' "$TMP/devmem.out" && break
	sleep 0.1
done
id=$(sed -n 's/^bound id=//p' "$TMP/devmem.out")
printf '  %-58s' "bind-rx: udmabuf of $DEV_B queue $QUEUE"
if [ -n "$id" ]; then echo "ok (binding $id)"; else echo FAILED; cat "$TMP/devmem.out"; exit 1; fi
printf '  %-58s' "send $MIB MiB $ADDR_A -> $ADDR_B:$PORT"
if ip netns exec $NS_A "$STREAM" -c $ADDR_B -p $PORT -n $((MIB << 20)) >/dev/null; then
	echo ok
else
	echo FAILED
fi
wait $rx
rx_rc=$?
out=$(grep '^bytes=' "$TMP/devmem.out")
mp1=$(et_b -S "$DEV_B" | awk -v k="rx${QUEUE}_mp_bufs:" '$1 == k { print $2 }')
# The receiver is gone with its netlink socket: the binding with it,
# once the last buffers come back.  Some may sit in skbs a CPU deferred
# freeing (skb_attempt_defer_free()) until it next runs the network
# softirq: a ping on each CPU gets them freed.
left=
for _ in $(seq 50); do
	flush_deferred_skbs
	pools=$(ip netns exec $NS_B "$DEVMEM" pools)
	bufs=$(awk '/^Total .* objects/ { print $2 }' $DMABUF_INFO)
	[ "$pools" = 0 ] && [ "$bufs" = 0 ] && break
	left="$pools page_pools serve a dma-buf, $bufs dma-bufs left"
	sleep 0.2
done

echo
echo "summary (devmem)"
printf '  %-16s %s (%s MiB), through the udmabuf mapping\n' "bytes" "$(kv bytes)" "$MIB"
printf '  %-16s %s\n' "verified" "$(kv verified)"
printf '  %-16s %s dma-buf fragments, %s copied bytes, %s readable bytes\n' "cmsgs" \
	"$(kv frags)" "$(kv linear)" "$(kv readable)"
printf '  %-16s %s given back of %s handed out\n' "tokens" "$(kv freed)" "$(kv frags)"
printf '  %-16s %s buffers of the dma-buf written by netdevsim (rx%s_mp_bufs)\n' \
	"device writes" "$((mp1 - mp0))" $QUEUE
printf '  %-16s %s Mbit/s (%s s)\n' "throughput" "$(kv mbps)" "$(kv secs)"
printf '  %-16s %s s user, %s s system (receiving process)\n' "receiver CPU" \
	"$(kv utime)" "$(kv stime)"
printf '  %-16s %s\n' "teardown" "${pools:-?} page_pools serve a dma-buf, ${bufs:-?} dma-bufs left"

[ $rx_rc = 0 ] && [ "$(kv verified)" = yes ] && [ "$(kv bytes)" = $((MIB << 20)) ] ||
	{ echo "demo: the devmem stream did not verify" >&2; ok=0; }
[ "$(kv readable)" = 0 ] && [ "$(kv frags)" -gt 0 ] ||
	{ echo "demo: devmem data did not all come as dma-buf fragments" >&2; ok=0; }
[ "$(kv freed)" = "$(kv frags)" ] || { echo "demo: tokens not all given back" >&2; ok=0; }
[ "$pools" = 0 ] && [ "$bufs" = 0 ] || { echo "demo: teardown left $left" >&2; ok=0; }
[ $ok = 1 ] && echo "demo: ok" && exit 0
exit 1
