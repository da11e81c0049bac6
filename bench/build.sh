#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the kernel from the work tree, out of tree (MP_BUILD), with ccache.
#
# The config is allnoconfig plus the fragments in config/, made anew every
# time into a scratch file and only copied over .config when it differs, so
# an unchanged config costs no rebuild.  Every symbol a fragment names must
# end up with the value the fragment asks for.
#
# usage: build.sh [make targets...]   (default: all)
# MP_CONFIG_EXCLUDE: fragment names (without .config) to leave out, for
# the benchmark kernel, which is built without 40-kunit and 50-debug;
# MP_CONFIG_EXTRA: more fragment files to add (it needs modules).
set -euo pipefail
MP_TAG=build
. "$(dirname "$0")/lib.sh"

tree_exists || die "no work tree at $MP_TREE (make tree)"
mkdir -p "$MP_BUILD" "$MP_LOGS" "$CCACHE_DIR"
log=${MP_BUILD_LOG:-$MP_LOGS/build.log}
kmake() {
	make -C "$MP_TREE" O="$MP_BUILD" CC="ccache gcc" \
		KBUILD_BUILD_TIMESTAMP="2000-01-01" KBUILD_BUILD_USER=mp \
		KBUILD_BUILD_HOST=mp-series "$@"
}

make_config() {
	local frag=$MP_BUILD/mp-fragment.config cfgdir=$MP_BUILD/mp-config
	local f
	: >"$frag"
	for f in "$MP_ROOT"/config/*.config; do
		case " ${MP_CONFIG_EXCLUDE:-} " in
		*" $(basename "$f" .config) "*) continue ;;
		esac
		cat "$f" >>"$frag"
	done
	for f in ${MP_CONFIG_EXTRA:-}; do
		cat "$f" >>"$frag"
	done
	mkdir -p "$cfgdir"
	# A throwaway build dir for the config step, so the real one's
	# .config is touched only when the result differs.
	cp -f "$MP_BUILD/.config" "$cfgdir/.config" 2>/dev/null || true
	make -s -C "$MP_TREE" O="$cfgdir" CC="ccache gcc" \
		KCONFIG_ALLCONFIG="$frag" allnoconfig >/dev/null
	if ! python3 "$MP_ROOT/bench/config-check.py" "$frag" "$cfgdir/.config"; then
		# check-series builds early patches, before the symbols that
		# later ones add exist: there a mismatch is only a note.
		[ "${MP_CONFIG_LAX:-0}" = 1 ] ||
			die "the fragments in config/ ask for values Kconfig did not give"
		note "config mismatches ignored (MP_CONFIG_LAX=1)"
	fi
	if ! cmp -s "$cfgdir/.config" "$MP_BUILD/.config"; then
		cp "$cfgdir/.config" "$MP_BUILD/.config"
		note "config changed"
	fi
}

make_config
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(all)
note "make -j$MP_JOBS ${targets[*]} (log: $log)"
start=$(date +%s)
ccache -z >/dev/null
set +e
# Show progress: a line every 200 compiled objects, warnings and errors in
# full as they come.
kmake -j"$MP_JOBS" V=0 "${targets[@]}" 2>&1 | tee "$log" | awk -v t0="$start" '
	/^  (CC|AS|LD|AR)/ { n++; if (n % 200 == 0) {
		printf "[build] %5d objects, %4ds, at %s\n", n, systime() - t0, $2; fflush() }
		next }
	/^  [A-Z]/ || /^make(\[[0-9]+\])?: (Entering|Leaving)/ { next }
	{ print; fflush() }'
rc=${PIPESTATUS[0]}
set -e
secs=$(($(date +%s) - start))
hits=$(ccache -s 2>/dev/null | awk -F: '/^cache hit rate|Hits:/ {gsub(/ +/," "); print $2; exit}')
if [ "$rc" != 0 ]; then
	grep -m 20 -E 'error|Error' "$log" >&2 || true
	die "build failed after ${secs}s (log: $log)"
fi
warn=$(grep -c 'warning:' "$log" || true)
note "built ${targets[*]} in ${secs}s, $warn warnings, ccache:${hits:- n/a}"
echo "$secs" >"$log.seconds"
