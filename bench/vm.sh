#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the built kernel in QEMU, run one command inside, return its status.
#
# The guest's root is the host's root over virtio-9p, read-only; /tmp, /run,
# /var/tmp and /dev/shm are fresh tmpfs.  A second 9p share (the run
# directory on the host) is writable at /run/mp and carries the command in
# and the results out.  The kernel console goes to console.log, the
# command's output to output.log (and to this terminal as it comes).  After
# the run the console is scanned for kernel trouble; any finding fails the
# run even when the command passed.
#
# usage: vm.sh [--cpus N] [--mem SIZE] [--kvm] [--timeout SECS]
#              [--run-dir DIR] [--quiet] [--] command [args...]
# env:   MP_VM_CPUS (2), MP_VM_MEM (1G), MP_VM_KVM (0), MP_VM_TIMEOUT (1800),
#        MP_VM_APPEND (extra kernel command line), MP_VM_SHOW (regex:
#        show only matching output lines), MP_VM_ICOUNT (1: QEMU icount,
#        one vCPU, guest clock counts instructions)
# exit:  the command's status; 124 on timeout; 125 if the guest died before
#        reporting one; 126 if the command passed but the kernel reported
#        trouble (console or kmemleak).
set -euo pipefail
MP_TAG=vm
. "$(dirname "$0")/lib.sh"

cpus=${MP_VM_CPUS:-2}
mem=${MP_VM_MEM:-1G}
kvm=${MP_VM_KVM:-0}
tmo=${MP_VM_TIMEOUT:-1800}
run=
quiet=0
while [ $# -gt 0 ]; do
	case $1 in
	--cpus) cpus=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--kvm) kvm=1; shift ;;
	--timeout) tmo=$2; shift 2 ;;
	--run-dir) run=$2; shift 2 ;;
	--quiet) quiet=1; shift ;;
	--) shift; break ;;
	-*) die "unknown option $1" ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || set -- /bin/sh -c 'uname -a; cat /proc/cmdline'

kernel=$MP_BUILD/arch/x86/boot/bzImage
[ -r "$kernel" ] || die "no kernel at $kernel (make build)"
if [ -z "$run" ]; then
	run=$MP_LOGS/vm/$(date +%Y%m%d-%H%M%S)-$$
fi
rm -rf "$run"
mkdir -p "$run"
ln -sfn "$run" "$MP_LOGS/vm/latest" 2>/dev/null || true

# The command, and the environment it sees.
{
	printf 'cd %q 2>/dev/null || cd /\n' "$PWD"
	for v in MP_ROOT MP_CACHE MP_TREE MP_BUILD; do
		printf 'export %s=%q\n' "$v" "${!v}"
	done
	printf 'exec'
	printf ' %q' "$@"
	printf '\n'
} >"$run/cmd.sh"

# The guest mounts fresh tmpfs over /tmp, /run, /var/tmp and /dev/shm.
# A path the run needs (the checkout, the cache, the working directory)
# that lies under one of them gets a read-only 9p share of its own,
# mounted back at the same path by vm-init (list in RUN/mounts).
keep=()
: >"$run/mounts"
n=0
for p in $(printf '%s\n' "$MP_ROOT" "$MP_CACHE" "$PWD" | awk '!seen[$0]++' |
		awk '{ print length, $0 }' | sort -n | cut -d' ' -f2-); do
	case $p/ in
	/tmp/*|/run/*|/var/tmp/*|/dev/shm/*)
		n=$((n + 1))
		keep+=(-fsdev "local,id=keep$n,path=$p,security_model=none,readonly=on,multidevs=remap"
		       -device "virtio-9p-pci,fsdev=keep$n,mount_tag=keep$n")
		printf 'keep%s %s\n' "$n" "$p" >>"$run/mounts"
		;;
	esac
done

accel=(-accel tcg -cpu max)
# MP_VM_ICOUNT=1: QEMU's instruction counting (TCG only, one vCPU):
# guest time advances by instructions executed, not by the host clock,
# so timings inside do not depend on how busy the host is.
if [ "${MP_VM_ICOUNT:-0}" = 1 ]; then
	accel=(-accel tcg -cpu max -icount shift=0,sleep=off)
	cpus=1
fi
if [ "$kvm" = 1 ]; then
	[ -w /dev/kvm ] || die "--kvm: /dev/kvm is not usable"
	accel=(-accel kvm -cpu host)
fi
append="console=ttyS0,115200 root=hostroot rootfstype=9p"
append+=" rootflags=trans=virtio,version=9p2000.L,cache=loose,msize=262144"
append+=" ro init=$MP_ROOT/bench/vm-init panic=-1 loglevel=7"
append+=" ${MP_VM_APPEND:-}"

: >"$run/output.log"
t0=$(date +%s.%N)
timeout --kill-after=10 "$tmo" qemu-system-x86_64 \
	-nodefaults -display none -no-reboot -no-user-config \
	-machine q35 "${accel[@]}" -smp "$cpus" -m "$mem" \
	-kernel "$kernel" -append "$append" \
	-fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot \
	-fsdev local,id=mprun,path="$run",security_model=none,multidevs=remap \
	-device virtio-9p-pci,fsdev=mprun,mount_tag=mprun \
	"${keep[@]}" \
	-serial file:"$run/console.log" -serial file:"$run/output.log" \
	</dev/null >"$run/qemu.log" 2>&1 &
qpid=$!
showpid=
if [ "$quiet" = 0 ]; then
	# MP_VM_SHOW: show only the output lines matching this regex.
	tail -n +1 --pid=$qpid -f "$run/output.log" |
		grep --line-buffered -E "${MP_VM_SHOW:-.}" &
	showpid=$!
fi
set +e
wait $qpid
qrc=$?
[ -z "$showpid" ] || wait $showpid
set -e
t1=$(date +%s.%N)

if [ $qrc = 124 ] || [ $qrc = 137 ]; then
	rc=124
	note "timeout after ${tmo}s"
elif [ -s "$run/status" ]; then
	rc=$(cat "$run/status")
else
	rc=125
	note "the guest died before reporting a status (qemu exit $qrc)"
	tail -n 5 "$run/qemu.log" >&2 || true
fi

boot=
if [ -e "$run/started" ]; then
	boot=$(python3 -c 'import os,sys; print("%.1f" % (os.stat(sys.argv[1]).st_mtime - float(sys.argv[2])))' \
		"$run/started" "$t0")
	echo "$boot" >"$run/boot-seconds"
fi
total=$(python3 -c "print('%.1f' % ($t1 - $t0))")

trouble=0
python3 "$MP_ROOT/bench/scan-trouble.py" "$run" >"$run/trouble.txt" || trouble=1
if [ $trouble = 1 ]; then
	note "kernel trouble:"
	sed 's/^/    /' "$run/trouble.txt" >&2
	[ "$rc" != 0 ] || rc=126
fi
note "exit $rc, boot to command ${boot:-?}s, total ${total}s, logs: $run"
exit "$rc"
