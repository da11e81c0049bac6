# SPDX-License-Identifier: GPL-2.0
# Common settings for the bench scripts; sourced, never run.
#
# Everything big (the kernel work tree, build output, ccache, logs) lives
# outside the checkout, under MP_CACHE, so a fresh checkout never throws
# away a tree or a warm cache.

MP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MP_CACHE=${MP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mp-series}
MP_TREE=${MP_TREE:-$MP_CACHE/linux}
MP_BUILD=${MP_BUILD:-$MP_CACHE/build}
MP_LOGS=${MP_LOGS:-$MP_CACHE/logs}
MP_TOOLS=${MP_TOOLS:-$MP_CACHE/tools}
MP_JOBS=${MP_JOBS:-$(($(nproc) + 1))}
MP_BASE_PKG=linux-source-6.1
MP_BASE_TARBALL=${MP_BASE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
export CCACHE_DIR=${CCACHE_DIR:-$MP_CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
# ccache hits across the trees and build dirs under MP_CACHE.
export CCACHE_BASEDIR=$MP_CACHE
export CCACHE_NOHASHDIR=1

# Fixed identity and dates for the commits the bench makes itself, so that
# rebuilding the tree from the same inputs gives the same commit ids.
MP_GIT_IDENT=(-c user.name="mp-series bench" -c user.email="bench@mp-series.invalid")

say() { printf '%s\n' "$*"; }
note() { printf '[%s] %s\n' "${MP_TAG:-bench}" "$*" >&2; }
die() { printf '[%s] error: %s\n' "${MP_TAG:-bench}" "$*" >&2; exit 1; }

# git inside the work tree, with settings that make output independent of
# the user's configuration.
tgit() {
	git -C "$MP_TREE" "${MP_GIT_IDENT[@]}" \
		-c core.abbrev=12 -c diff.algorithm=myers -c diff.noprefix=false \
		-c diff.mnemonicPrefix=false -c diff.renames=false \
		-c format.signature= -c format.numbered=false \
		-c core.quotePath=true -c advice.detachedHead=false "$@"
}

base_version_installed() {
	dpkg-query -W -f='${Version}' "$MP_BASE_PKG" 2>/dev/null
}

# The version recorded in patches/BASE (the one the series was last
# generated against).
base_version_recorded() {
	sed -n 's/^version: *//p' "$MP_ROOT/patches/BASE" 2>/dev/null
}

# Sorted list of the series' patch files, one path a line.
series_files() {
	find "$MP_ROOT/patches" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' |
		LC_ALL=C sort
}

# A digest of the series as it is in patches/ now.
series_digest() {
	{ series_files | while read -r f; do
		printf '%s\n' "${f##*/}"; cat "$f"; done; } | sha256sum | cut -c1-64
}

tree_exists() { [ -e "$MP_TREE/.git" ] && tgit rev-parse -q --verify mp-base >/dev/null; }

# Export the tree's commits above mp-base into DIR, deterministically.
export_to() {
	local dir=$1
	mkdir -p "$dir"
	tgit format-patch -q --zero-commit --no-signature --no-numbered \
		--abbrev=12 --no-renames --stat=72 -o "$dir" mp-base..HEAD >/dev/null
}

# Uncommitted edits in the tree (tracked or untracked, ignoring build
# artefacts the kernel's .gitignore knows).
tree_dirty() { [ -n "$(tgit status --porcelain --untracked-files=normal)" ]; }

# Compare an export in DIR with patches/: prints one line per difference
# ("added NAME", "removed NAME", "changed NAME"), nothing when they agree.
series_diff() {
	local dir=$1 f
	for f in "$dir"/*.patch; do
		[ -e "$f" ] || continue
		if [ ! -e "$MP_ROOT/patches/${f##*/}" ]; then
			say "in tree, not in patches/: ${f##*/}"
		elif ! cmp -s "$f" "$MP_ROOT/patches/${f##*/}"; then
			say "differs from patches/: ${f##*/}"
		fi
	done
	series_files | while read -r f; do
		[ -e "$dir/${f##*/}" ] || say "in patches/, not in tree: ${f##*/}"
	done
}

# The benchmark kernel: the same tree without KUnit and the debug
# fragment (KASAN and friends would dominate every figure), with module
# support for bench/ppbench, built in its own directory so the test
# kernel stays warm.
use_perf_build() {
	export MP_BUILD=$MP_CACHE/build-perf
	export MP_CONFIG_EXCLUDE="40-kunit 50-debug"
	export MP_BUILD_LOG=$MP_LOGS/build-perf.log
	export MP_CONFIG_EXTRA=$MP_ROOT/bench/ppbench/modules.config
}
