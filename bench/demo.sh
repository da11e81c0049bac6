#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: build what is missing (packages, tree, kernel, the
# selftest programs), boot the VM and run guest-demo.sh in it: linked
# netdevsim ports, header split, a steered TCP stream, a verified pattern.
#
# usage: demo.sh [MIB]   (MP_DEMO_MIB, default 16: the debug kernel under
# TCG moves about 13 Mbit/s, so 16 MiB takes about 10 s)
set -euo pipefail
MP_TAG=demo
. "$(dirname "$0")/lib.sh"

mib=${1:-${MP_DEMO_MIB:-16}}
"$MP_ROOT/bench/setup.sh"
"$MP_ROOT/bench/tree.sh"
"$MP_ROOT/bench/build.sh"
"$MP_ROOT/bench/kselftest-build.sh"
note "booting the VM (TCG: about 30 s to the first command)"
MP_VM_SHOW='.' "$MP_ROOT/bench/vm.sh" -- "$MP_ROOT/bench/guest-demo.sh" \
	"$MP_BUILD/kselftest.tar" "$MP_TOOLS/bin" "$mib"
