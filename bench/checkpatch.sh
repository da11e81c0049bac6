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
# Report lines are "FILE:LINE: TYPE: message" with --showfile, "TYPE:
# message" without.
kind='^([^ ]+:[0-9]+: )?'
for p in "$@"; do
	p=$(realpath "$p")
	name=${p##*/}
	# Debian's python3 first: scripts/spdxcheck.py needs its ply and git.
	(cd "$MP_TREE" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict --no-color \
		--typedefsfile "$MP_ROOT/bench/checkpatch.typedefs" \
		--showfile "$p") >"$logdir/$name.txt" 2>&1 || true
	# "does MAINTAINERS need updating?" is answered when every file the
	# patch adds already has a MAINTAINERS section (maintained.py).
	grep -Ev "${kind}WARNING: added, moved or deleted file" "$logdir/$name.txt" \
		>"$logdir/$name.counted"
	if ! cmp -s "$logdir/$name.txt" "$logdir/$name.counted"; then
		added=$(awk '/^diff --git /{f=$4; sub(/^b\//, "", f)} /^new file mode/{print f}' "$p")
		if ! unmaintained=$(python3 "$MP_ROOT/bench/maintained.py" "$MP_TREE" $added); then
			echo "WARNING: no MAINTAINERS section for: $unmaintained" >>"$logdir/$name.counted"
		fi
	fi
	# No summary line: checkpatch did not get through the patch.
	grep -q '^total: ' "$logdir/$name.txt" ||
		echo "ERROR: checkpatch did not finish (see $logdir/$name.txt)" >>"$logdir/$name.counted"
	e=$(grep -cE "${kind}ERROR:" "$logdir/$name.counted" || true)
	w=$(grep -cE "${kind}WARNING:" "$logdir/$name.counted" || true)
	c=$(grep -cE "${kind}CHECK:" "$logdir/$name.counted" || true)
	printf '%s\t%s\t%s\t%s\n' "$name" "$e" "$w" "$c"
	if [ "$e" != 0 ] || [ "$w" != 0 ] || [ "$c" != 0 ]; then
		grep -E "${kind}(ERROR|WARNING|CHECK):" "$logdir/$name.counted" |
			sed "s|^|[checkpatch] $name: |" >&2
	fi
done
