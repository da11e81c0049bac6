#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make (or bring up to date) the kernel work tree: the Debian base as one
# commit, tagged mp-base, plus one commit per patch in patches/.
#
# The tree is scratch, patches/ is the truth, but a tree may hold work that
# has not been exported yet; this script never discards such work.  It
# remembers which series it applied (and the HEAD that gave) in
# .git/mp-state, and decides from that:
#
#   tree as applied, series as applied  -> nothing to do
#   tree as applied, series changed     -> re-apply on mp-base
#   tree changed,    export == series   -> in sync, just record it
#   tree changed,    series as applied  -> unexported work: leave it, warn
#   tree changed,    series changed     -> both moved: refuse
set -euo pipefail
MP_TAG=tree
. "$(dirname "$0")/lib.sh"

state_file() { printf '%s/.git/mp-state' "$MP_TREE"; }
state_get() { sed -n "s/^$1 //p" "$(state_file)" 2>/dev/null; }
state_record() {
	printf 'digest %s\nhead %s\nbase %s\n' "$(series_digest)" \
		"$(tgit rev-parse HEAD)" "$1" >"$(state_file)"
}

create_base() {
	local ver=$1 tmp
	[ -r "$MP_BASE_TARBALL" ] || die "$MP_BASE_TARBALL missing (apt-get install $MP_BASE_PKG)"
	[ ! -e "$MP_TREE" ] || die "$MP_TREE exists but is not a work tree; move it away"
	tmp="$MP_TREE.new.$$"
	rm -rf "$tmp"
	mkdir -p "$tmp"
	note "unpacking $MP_BASE_PKG $ver"
	tar -xf "$MP_BASE_TARBALL" -C "$tmp" --strip-components=1
	git -C "$tmp" init -q -b main
	# The Debian tarball's .gitignore ignores every top-level path.
	git -C "$tmp" add -f -A .
	note "committing the base"
	GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
		git -C "$tmp" "${MP_GIT_IDENT[@]}" commit -q --no-verify \
		-m "base: Debian $MP_BASE_PKG $ver"
	# Debian appends "/*" and "!/debian/" to upstream's .gitignore,
	# which hides every new file from git add and git status (and so
	# from series-status).  One more commit drops just those lines;
	# mp-base, which the series applies to, is that commit.
	sed -i -e '/^# Debian packaging: ignore everything at the top level/,$d' \
		"$tmp/.gitignore"
	sed -i -e '${/^#$/d}' "$tmp/.gitignore"
	git -C "$tmp" add .gitignore
	GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
		git -C "$tmp" "${MP_GIT_IDENT[@]}" commit -q --no-verify \
		-m "base: drop Debian's ignore-everything rule from .gitignore"
	git -C "$tmp" check-ignore -q drivers/net/netdevsim/new.c &&
		die "the base's .gitignore still hides the tree"
	git -C "$tmp" tag mp-base
	git -C "$tmp" config mp.baseVersion "$ver"
	mv "$tmp" "$MP_TREE"
}

apply_series() {
	local ver=$1 rec f n=0
	rec=$(base_version_recorded)
	tgit reset -q --hard mp-base
	tgit clean -q -fdx -e /.git
	while read -r f; do
		[ -n "$f" ] || continue
		n=$((n + 1))
		# Committer date = author date keeps commit ids reproducible.
		if ! tgit am -q --committer-date-is-author-date --keep-cr "$f" >/dev/null 2>&1; then
			tgit am --abort >/dev/null 2>&1 || true
			tgit reset -q --hard mp-base
			# The tree is the bare base now; the next run re-applies.
			printf 'digest none\nhead %s\nbase %s\n' \
				"$(tgit rev-parse mp-base)" "$ver" >"$(state_file)"
			if [ "$rec" != "$ver" ]; then
				die "${f##*/} does not apply to $MP_BASE_PKG $ver; the series was generated against $rec"
			fi
			die "${f##*/} does not apply to $MP_BASE_PKG $ver"
		fi
	done < <(series_files)
	state_record "$ver"
	note "applied $n patches on $MP_BASE_PKG $ver ($(tgit rev-parse --short=12 HEAD))"
}

ver=$(base_version_installed)
[ -n "$ver" ] || die "$MP_BASE_PKG is not installed (make setup)"
rec=$(base_version_recorded)
if [ -n "$rec" ] && [ "$rec" != "$ver" ]; then
	note "warning: series recorded against $MP_BASE_PKG $rec, installed is $ver"
fi

if ! tree_exists; then
	create_base "$ver"
	apply_series "$ver"
	exit 0
fi

tree_base=$(tgit config mp.baseVersion || true)
tree_asis=0
[ "$(tgit rev-parse HEAD)" = "$(state_get head)" ] && ! tree_dirty && tree_asis=1
series_asis=0
[ "$(series_digest)" = "$(state_get digest)" ] && series_asis=1

# A tree made by an older bench has a base whose .gitignore hides new
# files from git; it is re-made like a tree on another base.
old_base=0
tgit check-ignore -q drivers/net/netdevsim/new.c && old_base=1
if [ "$tree_base" != "$ver" ] || [ $old_base = 1 ]; then
	[ $tree_asis = 1 ] ||
		die "tree at $MP_TREE holds work on an outdated base ($MP_BASE_PKG $tree_base, installed $ver): export it (make export; git add -f new files) or move the tree away"
	note "base changed ($tree_base -> $ver): rebuilding the tree"
	rm -rf "$MP_TREE"
	create_base "$ver"
	apply_series "$ver"
	exit 0
fi

if [ $tree_asis = 1 ] && [ $series_asis = 1 ]; then
	note "up to date ($(tgit rev-parse --short=12 HEAD))"
	exit 0
fi
if [ $tree_asis = 1 ]; then
	note "patches/ changed: re-applying"
	apply_series "$ver"
	exit 0
fi
# The tree moved.  Is it simply what patches/ says now?
if ! tree_dirty; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	export_to "$tmp"
	if [ -z "$(series_diff "$tmp")" ]; then
		state_record "$ver"
		note "in sync with patches/ ($(tgit rev-parse --short=12 HEAD))"
		exit 0
	fi
fi
if [ $series_asis = 1 ]; then
	note "the tree holds work that is not in patches/ (make series-status; make export)"
	exit 0
fi
die "both the tree and patches/ changed since the tree was made: export or move the tree away first"
