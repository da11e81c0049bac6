#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that a .config gives every symbol the value a fragment asks for.

usage: config-check.py FRAGMENT DOTCONFIG
Prints one line per mismatch and exits 1 if there is any.
"""
import re
import sys


def parse(path):
    vals = {}
    for line in open(path):
        line = line.strip()
        m = re.match(r'^(CONFIG_\w+)=(.*)$', line)
        if m:
            vals[m.group(1)] = m.group(2)
            continue
        m = re.match(r'^# (CONFIG_\w+) is not set$', line)
        if m:
            vals[m.group(1)] = 'n'
    return vals


want = parse(sys.argv[1])
got = parse(sys.argv[2])
bad = 0
for sym, val in want.items():
    have = got.get(sym, 'n')
    if have != val:
        print(f'config: {sym}: fragment wants {val}, got {have}')
        bad += 1
sys.exit(1 if bad else 0)
