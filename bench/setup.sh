#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the bench needs, and only those missing;
# then the newer tools fetch-tools.sh unpacks under MP_TOOLS.
set -euo pipefail
MP_TAG=setup
. "$(dirname "$0")/lib.sh"

mapfile -t want < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$MP_ROOT/bench/packages.txt")
missing=()
for p in "${want[@]}"; do
	st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	[ "${st:0:2}" = ii ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	note "all ${#want[@]} packages present"
else
	note "installing: ${missing[*]}"
	[ "$(id -u)" = 0 ] || die "not root: install these by hand: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -q --no-install-recommends "${missing[@]}" >"${TMPDIR:-/tmp}/mp-setup-apt.log" 2>&1 ||
		{ tail -30 "${TMPDIR:-/tmp}/mp-setup-apt.log" >&2; die "apt-get install failed"; }
	note "installed ${#missing[@]} packages"
fi
exec "$MP_ROOT/bench/fetch-tools.sh"
