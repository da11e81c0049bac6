#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict on patch files; one TSV line each on stdout:
# PATCH ERRORS WARNINGS CHECKS.  The full reports go to LOGDIR.
#
# usage: checkpatch.sh LOGDIR PATCH...
set -euo pipefail
MP_TAG=checkpatch
. "$(dirname "$0")/lib.sh"

logdir=$1
shift
mkdir -p "$logdir"
for p in "$@"; do
	name=${p##*/}
	# Debian's python3 first: scripts/spdxcheck.py needs its ply and git.
	(cd "$MP_TREE" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict --no-color \
		--showfile "$p") >"$logdir/$name.txt" 2>&1 || true
	e=$(grep -c '^ERROR:' "$logdir/$name.txt" || true)
	w=$(grep -c '^WARNING:' "$logdir/$name.txt" || true)
	c=$(grep -c '^CHECK:' "$logdir/$name.txt" || true)
	printf '%s\t%s\t%s\t%s\n' "$name" "$e" "$w" "$c"
	if [ "$e" != 0 ] || [ "$w" != 0 ] || [ "$c" != 0 ]; then
		grep -E '^(ERROR|WARNING|CHECK):' "$logdir/$name.txt" |
			sed "s|^|[checkpatch] $name: |" >&2
	fi
done
