#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Bisectability: build the tree at every patch, in order, run
# checkpatch --strict on each, and boot each build in the VM (the
# built-in KUnit suites run at boot; the console must stay clean).  Uses its own worktree and build directory
# (MP_CACHE/series/{linux,build}: the same layout as the main
# tree and build, so ccache hits across them) so the work tree and the
# main build are not disturbed; builds are incremental from one patch to
# the next, and ccache is shared with the main build.
#
# Exit 0 when every patch builds, boots cleanly and is checkpatch-clean
# (no errors); otherwise names the first patch that breaks.
# MP_SERIES_BOOT=0 skips the boots (about 40 s a patch under TCG).
# MP_SERIES_FROM=N starts at patch N: the tree at patch N-1 is built as
# the base, and the patches before it are not checked again.
set -euo pipefail
MP_TAG=check-series
. "$(dirname "$0")/lib.sh"

tree_exists || die "no work tree (make tree)"
wt=$MP_CACHE/series/linux
bd=$MP_CACHE/series/build
logdir=$MP_LOGS/check-series
rm -rf "$logdir"
mkdir -p "$logdir"
mapfile -t commits < <(tgit rev-list --reverse mp-base..HEAD)
if [ ${#commits[@]} -eq 0 ]; then
	note "no patches above mp-base: nothing to check"
	exit 0
fi
if [ ! -e "$wt/.git" ]; then
	tgit worktree prune
	tgit worktree add -q --detach "$wt" mp-base
fi

bad=
build_at() {
	local what=$1 rc=0
	MP_TREE=$wt MP_BUILD=$bd MP_CONFIG_LAX=1 MP_BUILD_LOG=$logdir/make-$what.log \
		"$MP_ROOT/bench/build.sh" \
		>"$logdir/build-$what.txt" 2>&1 || rc=$?
	grep -E 'warning:|error:' "$logdir/build-$what.txt" | sed "s|^|  $what: |" | head -20 >&2 || true
	return $rc
}

from=${MP_SERIES_FROM:-1}
base=mp-base
[ "$from" -le 1 ] || base=${commits[$((from - 2))]}
git -C "$wt" checkout -q --detach "$base"
note "building the base (patch $((from - 1)))"
build_at base || die "the base does not build"
i=0
for c in "${commits[@]}"; do
	i=$((i + 1))
	[ "$i" -ge "$from" ] || continue
	subj=$(tgit log -1 --format=%s "$c")
	git -C "$wt" checkout -q --detach "$c"
	tgit format-patch -q --zero-commit --no-signature --no-numbered \
		--abbrev=12 --no-renames --start-number "$i" -o "$logdir/patches" -1 "$c" >/dev/null
	p=$(ls "$logdir/patches/$(printf '%04d' "$i")"-*.patch)
	cp=$("$MP_ROOT/bench/checkpatch.sh" "$logdir/checkpatch" "$p")
	err=$(echo "$cp" | cut -f2)
	if build_at "$i"; then b=ok; else b=FAILED; fi
	boot=-
	if [ $b = ok ] && [ "${MP_SERIES_BOOT:-1}" != 0 ]; then
		if MP_BUILD=$bd "$MP_ROOT/bench/vm.sh" --run-dir "$logdir/vm-$i" -- /bin/true \
			>"$logdir/boot-$i.txt" 2>&1; then boot=ok; else boot=FAILED; fi
	fi
	printf '[check-series] %3d  build %-6s boot %-6s checkpatch %s errors, %s warnings, %s checks  %s\n' \
		"$i" "$b" "$boot" "$err" "$(echo "$cp" | cut -f3)" "$(echo "$cp" | cut -f4)" "$subj"
	if [ -z "$bad" ] && { [ $b != ok ] || [ $boot = FAILED ] || [ "$err" != 0 ]; }; then
		bad="$i: $subj"
	fi
	[ $b = ok ] || break
done
if [ -n "$bad" ]; then
	die "first broken patch: $bad (logs: $logdir)"
fi
note "all ${#commits[@]} patches build, boot and pass checkpatch"
