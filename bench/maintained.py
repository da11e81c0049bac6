#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""maintained.py TREE FILE... -- does MAINTAINERS already cover each FILE?

checkpatch warns "added, moved or deleted file(s), does MAINTAINERS need
updating?" for every patch that adds a file and leaves MAINTAINERS alone.
The warning is answered when each added file already falls under an F:
pattern of a section other than THE REST.  Prints the files that do not;
exit status 1 if there is one.
"""
import fnmatch
import os
import sys


def patterns(tree):
    section = None
    with open(os.path.join(tree, 'MAINTAINERS'), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line and not line[1:2] == ':' and not line.startswith('\t'):
                section = line
            elif line.startswith('F:') and section != 'THE REST':
                yield line[2:].strip()


def covered(path, pats):
    for p in pats:
        if p.endswith('/'):
            if path.startswith(p):
                return True
        elif fnmatch.fnmatchcase(path, p) and \
                path.count('/') == p.count('/'):
            return True
    return False


def main():
    tree, files = sys.argv[1], sys.argv[2:]
    pats = list(patterns(tree))
    missing = [f for f in files if not covered(f, pats)]
    for f in missing:
        print(f)
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
