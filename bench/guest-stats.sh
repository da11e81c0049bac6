# SPDX-License-Identifier: GPL-2.0
# Sourced by the guest benchmarks: medians and spreads of the "run ..."
# lines they collect in $res, one key=value pair per figure.  SEL picks
# the runs of one mode ("split=on", "mode=devmem").

median() { # SEL KEY
	sed -n "s/^run $1 .* $2=\([^ ]*\).*/\1/p" "$res" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
spread() { # SEL KEY: (max - min) / median, in percent
	sed -n "s/^run $1 .* $2=\([^ ]*\).*/\1/p" "$res" | sort -g |
		awk -v m="$(median "$1" "$2")" '{ v[NR] = $1 } END { if (m > 0) printf "%.0f%%", (v[NR] - v[1]) / m * 100; else print "-" }'
}
