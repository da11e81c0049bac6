#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run inside the VM by bench-devmem.sh: the same TCP stream over two
# linked netdevsim ports received three ways, on queue 2 with header
# split on and an MTU that puts 4096 bytes of payload in each frame:
#   recv      plain recv() into a buffer (nsim_stream -V)
#   zerocopy  TCP_ZEROCOPY_RECEIVE, payload pages mapped (nsim_stream -Z -V)
#   devmem    a udmabuf bound to the queue, recvmsg(MSG_SOCK_DEVMEM),
#             every token given back after each call (nsim_devmem rx -V)
# Nobody reads the data: the figures are the receive path's.
#
# usage: guest-bench-devmem.sh KSELFTEST_TAR TOOLS_BIN MIB REPS
# Prints one line per run and a table of medians with the ratio of each
# mode's receiver CPU per GiB to recv()'s.
set -u
mkdir -p /tmp/kselftest
tar -C /tmp/kselftest -xf "$1"
PATH=$2:$PATH
MIB=$3
REPS=$4
QUEUE=2
# 4096 bytes of payload + 32 of TCP header with timestamps + 20 of IPv4.
MTU=4148
dir=/tmp/kselftest/drivers/net/netdevsim
cd "$dir" || exit 1
. ./nsim_lib.sh
STREAM=$dir/nsim_stream
DEVMEM=$dir/nsim_devmem
skip_all() { echo "bench: $1" >&2; exit 1; }
nsim_require
[ -x "$DEVMEM" ] && [ -c /dev/udmabuf ] || skip_all "no nsim_devmem or /dev/udmabuf"
pair_setup
ip -n $NS_A link set "$DEV_A" mtu $MTU && ip -n $NS_B link set "$DEV_B" mtu $MTU ||
	skip_all "cannot set MTU $MTU"
pair_link || skip_all "cannot link the ports"
et_b -G "$DEV_B" tcp-data-split on || skip_all "cannot set tcp-data-split"
et_b -X "$DEV_B" weight 1 1 0 0 || skip_all "cannot set the RSS table"
IDX_B=$(ifindex $NS_B "$DEV_B")

cpu_now() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $8 }' /proc/stat; }
res=$TMP/runs
: >"$res"
port=6000
MODES="recv zerocopy devmem"
for r in $(seq "$REPS"); do
	for mode in $MODES; do
		port=$((port + 1))
		et_b -N "$DEV_B" flow-type tcp4 dst-port $port action $QUEUE loc 0 ||
			skip_all "cannot steer port $port"
		case $mode in
		recv) rx=("$STREAM" -l -p $port -n $((MIB << 20)) -V -b 262144) ;;
		zerocopy) rx=("$STREAM" -l -p $port -n $((MIB << 20)) -V -Z -b 262144) ;;
		devmem) rx=("$DEVMEM" rx -i "$IDX_B" -q $QUEUE -p $port -n $((MIB << 20)) -V) ;;
		esac
		ip netns exec $NS_B "${rx[@]}" >"$TMP/rx.out" 2>&1 &
		rxpid=$!
		if [ $mode = devmem ]; then
			for _ in $(seq 100); do
				grep -q '^bound\|^err' "$TMP/rx.out" && break
				sleep 0.1
			done
			grep -q '^bound' "$TMP/rx.out" || { cat "$TMP/rx.out"; skip_all "bind-rx failed"; }
		fi
		read -r b0 s0 < <(cpu_now)
		ip netns exec $NS_A "$STREAM" -c $ADDR_B -p $port -n $((MIB << 20)) >/dev/null ||
			skip_all "$mode: the sender failed"
		wait $rxpid || { cat "$TMP/rx.out"; skip_all "$mode: the receiver failed"; }
		read -r b1 s1 < <(cpu_now)
		et_b -N "$DEV_B" delete 0
		line=$(grep '^bytes=' "$TMP/rx.out")
		kv() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
		awk -v mode="$mode" -v r="$r" -v bytes="$(kv bytes)" -v secs="$(kv secs)" \
			-v mbps="$(kv mbps)" -v ut="$(kv utime)" -v st="$(kv stime)" \
			-v busy=$((b1 - b0)) -v sirq=$((s1 - s0)) \
			-v extra="$(echo "$line" | grep -o 'mapped=[0-9]*\|frags=[0-9]*' | tr '\n' ' ')" 'BEGIN {
			gib = bytes / 2^30
			printf "run mode=%s rep=%d bytes=%d secs=%.3f mbps=%.1f " \
			       "rx_cpu_s_per_gib=%.3f vm_cpu_s_per_gib=%.3f " \
			       "softirq_s_per_gib=%.3f %s\n",
			       mode, r, bytes, secs, mbps, (ut + st) / gib,
			       busy / 100 / gib, sirq / 100 / gib, extra
		}' | tee -a "$res"
	done
done

. "$(dirname "$0")/guest-stats.sh"
[ "$(grep -c '^run ' "$res")" = $((3 * REPS)) ] || skip_all "not every run gave figures"
base=$(median mode=recv rx_cpu_s_per_gib)
echo
echo "One TCP stream received three ways on netdevsim queue $QUEUE (header split on, MTU $MTU),"
echo "$MIB MiB a run, $REPS runs each, medians (spread max-min):"
printf '  %-10s %-16s %-22s %-12s %-20s %-16s\n' mode Mbit/s "receiver CPU s/GiB" "vs recv()" \
	"VM CPU busy s/GiB" "softirq s/GiB"
for mode in $MODES; do
	m=$(median mode=$mode rx_cpu_s_per_gib)
	printf '  %-10s %-16s %-22s %-12s %-20s %-16s\n' "$mode" \
		"$(median mode=$mode mbps) ($(spread mode=$mode mbps))" \
		"$m ($(spread mode=$mode rx_cpu_s_per_gib))" \
		"$(awk -v m="$m" -v b="$base" 'BEGIN { if (b > 0) printf "%.2fx", m / b; else print "-" }')" \
		"$(median mode=$mode vm_cpu_s_per_gib) ($(spread mode=$mode vm_cpu_s_per_gib))" \
		"$(median mode=$mode softirq_s_per_gib) ($(spread mode=$mode softirq_s_per_gib))"
done
echo "  (receiver CPU: the receiving process's user+system time; VM CPU busy: all"
echo "   CPU time in the VM, sender, receiver and netdevsim's softirq together;"
echo "   TCG on $(nproc) vCPUs; no debug options; zerocopy mapped $(median mode=zerocopy mapped) bytes"
echo "   a run (median), devmem returned $(median mode=devmem frags) fragments a run)"
