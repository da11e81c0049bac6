#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Exit 0 when the work tree and patches/ agree (or there is no tree);
# otherwise list the difference and exit 1.
set -euo pipefail
MP_TAG=series-status
. "$(dirname "$0")/lib.sh"

if ! tree_exists; then
	note "no work tree at $MP_TREE: nothing to lose"
	exit 0
fi
bad=0
if tree_dirty; then
	say "uncommitted edits in $MP_TREE:"
	tgit status --short | sed 's/^/  /' | head -30
	bad=1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export_to "$tmp"
changes=$(series_diff "$tmp")
if [ -n "$changes" ]; then
	say "commits in $MP_TREE that differ from patches/:"
	printf '%s\n' "$changes" | sed 's/^/  /'
	bad=1
fi
if [ $bad = 0 ]; then
	note "in sync: $(ls "$tmp" | wc -l) patches"
	exit 0
fi
say "(make export, then commit patches/; or make tree to re-apply patches/)"
exit 1
