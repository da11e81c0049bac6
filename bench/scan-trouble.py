#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Scan a VM run directory for kernel trouble.

usage: scan-trouble.py RUN_DIR

Reads RUN_DIR/console.log (the kernel console) and the kmemleak report
the guest init wrote (kmemleak.txt).  Prints one block per
kind of trouble found (name, count, the first report's lines) and exits 1
if anything was found, 0 if the run was clean.
"""
import os
import re
import sys

# Order matters: the first pattern that matches a line names it.
KINDS = [
    ('KASAN', r'BUG: KASAN:|KASAN: '),
    ('UBSAN', r'UBSAN: '),
    ('lockdep', r'possible circular locking|possible recursive locking|'
                r'inconsistent lock state|possible irq lock inversion|'
                r'lock held when returning to user space|'
                r'bad unlock balance|held lock freed|'
                r'INFO: trying to register non-static key|'
                r'BUG: MAX_LOCK|lockdep is turned off'),
    ('RCU', r'suspicious RCU usage|rcu: INFO: |rcu_.*detected stall|'
            r'RCU stall'),
    ('hung task', r'INFO: task .* blocked for more than'),
    ('soft lockup', r'soft lockup|hard LOCKUP'),
    ('refcount', r'refcount_t: '),
    ('ref_tracker', r'ref_tracker: .*(leaked|already released)|'
                    r'unregister_netdevice: waiting for'),
    # A pool whose buffers never come back says so with pr_warn only.
    ('page_pool leak', r'stalled pool shutdown'),
    ('list corruption', r'list_(add|del) corruption'),
    ('Oops', r'Oops|general protection fault|kernel BUG at|'
             r'Unable to handle kernel|BUG: unable to handle'),
    ('panic', r'Kernel panic'),
    ('BUG', r'BUG: '),
    ('WARNING', r'WARNING: '),
    ('stack dump', r'Call Trace:'),
]
PAT = [(name, re.compile(rx)) for name, rx in KINDS]
TS = re.compile(r'^\[\s*\d+\.\d+\]\s?')


def scan_console(path):
    found = {}
    try:
        lines = open(path, errors='replace').read().splitlines()
    except FileNotFoundError:
        return {'no console': (1, ['console.log missing'])}
    for i, raw in enumerate(lines):
        line = TS.sub('', raw)
        for name, rx in PAT:
            if rx.search(line):
                cnt, first = found.get(name, (0, None))
                if first is None:
                    first = [TS.sub('', x) for x in lines[i:i + 12]]
                found[name] = (cnt + 1, first)
                break
    # A trace printed after a report belongs to it.
    if 'stack dump' in found and len(found) > 1:
        del found['stack dump']
    return found


def scan_kmemleak(path, name):
    try:
        text = open(path, errors='replace').read()
    except FileNotFoundError:
        return {}
    n = len(re.findall(r'^unreferenced object', text, re.M))
    if not n:
        return {}
    return {name: (n, text.splitlines()[:16])}


def main():
    run = sys.argv[1]
    found = scan_console(os.path.join(run, 'console.log'))
    found.update(scan_kmemleak(os.path.join(run, 'kmemleak.txt'),
                               'kmemleak'))
    for name, (cnt, first) in found.items():
        print(f'{name}: {cnt} report(s); first:')
        for x in first:
            print(f'    {x}')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
