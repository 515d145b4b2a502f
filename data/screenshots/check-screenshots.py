#!/usr/bin/env python3
# check-screenshots.py — every screenshot the metainfo names is in data/screenshots/,
# is a PNG of the size the metainfo states, and has a caption.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-screenshots.py METAINFO_XML_IN SCREENSHOTS_DIR. Output is TAP.

import os
import struct
import sys
import xml.etree.ElementTree as ET

URL_PREFIX = 'https://raw.githubusercontent.com/annealapp/anneal/main/data/screenshots/'


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


def main(argv):
    if len(argv) != 3:
        print('usage: %s METAINFO_XML_IN SCREENSHOTS_DIR' % argv[0], file=sys.stderr)
        return 2
    root = ET.parse(argv[1]).getroot()
    shots = root.findall('screenshots/screenshot')
    n = 0
    failed = 0

    def ok(good, what, diag=''):
        nonlocal n, failed
        n += 1
        failed += 0 if good else 1
        print('%s %d - %s' % ('ok' if good else 'not ok', n, what))
        if not good and diag:
            print('# ' + diag)
        return good

    ok(len(shots) >= 2, 'the metainfo has at least two screenshots (%d)' % len(shots))
    ok(sum(1 for s in shots if s.get('type') == 'default') == 1, 'exactly one is the default')
    for shot in shots:
        image = shot.find('image')
        url = image.text.strip() if image is not None and image.text else ''
        caption = shot.findtext('caption') or ''
        ok(caption.strip() != '' and not caption.strip().endswith('.'),
           'screenshot %s has a caption without a final full stop' % os.path.basename(url))
        if not ok(url.startswith(URL_PREFIX), '%s points into data/screenshots/' % url):
            continue
        name = url[len(URL_PREFIX):]
        path = os.path.join(argv[2], name)
        size = png_size(path) if os.path.isfile(path) else None
        if not ok(size is not None, 'data/screenshots/%s exists and is a PNG' % name):
            continue
        want = (image.get('width'), image.get('height'))
        if want != (None, None):
            ok(want == (str(size[0]), str(size[1])),
               '%s is %sx%s as the metainfo says' % (name, want[0], want[1]),
               'the file is %dx%d' % size)

    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
