#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Export the work tree's commits (mp-base..HEAD) into patches/.
#
# The output depends only on the commits: zero "From" ids, no signature,
# fixed abbreviation and diff settings.  Re-exporting an unchanged tree
# changes no file.  Patches that no longer exist are removed.
set -euo pipefail
MP_TAG=export
. "$(dirname "$0")/lib.sh"

tree_exists || die "no work tree at $MP_TREE"
# After a failed apply the tree is the bare base: exporting it would
# empty patches/.
if grep -qx 'digest none' "$MP_TREE/.git/mp-state" 2>/dev/null &&
   [ "$(tgit rev-parse HEAD)" = "$(tgit rev-parse mp-base)" ]; then
	die "the last make tree failed to apply patches/; fix that first"
fi
if tree_dirty; then
	tgit status --short | head -20 >&2
	die "the tree has uncommitted edits: commit them first"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export_to "$tmp"
changes=$(series_diff "$tmp")
if [ -z "$changes" ]; then
	note "patches/ already matches the tree ($(ls "$tmp" | wc -l) patches)"
	exit 0
fi
printf '%s\n' "$changes" | sed 's/^/  /' >&2
series_files | while read -r f; do
	[ -e "$tmp/${f##*/}" ] || rm -f "$f"
done
for f in "$tmp"/*.patch; do
	[ -e "$f" ] || continue
	cmp -s "$f" "$MP_ROOT/patches/${f##*/}" || cp "$f" "$MP_ROOT/patches/"
done
ver=$(tgit config mp.baseVersion)
printf 'package: %s\nversion: %s\n' "$MP_BASE_PKG" "$ver" >"$MP_ROOT/patches/BASE"
# The tree is now what patches/ says: record that, so tree.sh sees it.
"$MP_ROOT/bench/tree.sh" >/dev/null
note "exported $(ls "$tmp" | wc -l) patches into patches/ (commit them)"
