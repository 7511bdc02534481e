# Prints, as JSON, ICU's UTS #39 skeleton of every code point that ICU (through PyICU) knows:
# {"icu": version, "unicode": version, "ranges": [[first, last], ...] of code points checked,
#  "differ": {code point: skeleton} where the skeleton is not the character itself}.
# Left out: unassigned code points, surrogates, code points newer than ICU's Unicode version
# (Node's normalizer may know them, ICU's does not), and default ignorables (UTS #39 since 15.1
# drops them from skeletons; ICU 72 predates that, and refs refuse them before comparing).
# Optional arguments: strings whose skeletons go into "strings".
import json
import sys

import icu

checker = icu.SpoofChecker()
limit = tuple(int(p) for p in icu.UNICODE_VERSION.split('.')[:2])
ignorable = icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT
ranges = []
differ = {}
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF or icu.Char.charType(cp) == icu.UCharCategory.UNASSIGNED:
        continue
    if tuple(int(p) for p in str(icu.Char.charAge(cp)).split('.')[:2]) > limit or icu.Char.hasBinaryProperty(cp, ignorable):
        continue
    if ranges and ranges[-1][1] == cp - 1:
        ranges[-1][1] = cp
    else:
        ranges.append([cp, cp])
    ch = chr(cp)
    skeleton = checker.getSkeleton(0, ch)
    if skeleton != ch:
        differ[cp] = skeleton
strings = {s: checker.getSkeleton(0, s) for s in sys.argv[1:]}
json.dump({"icu": icu.ICU_VERSION, "unicode": icu.UNICODE_VERSION, "ranges": ranges, "differ": differ, "strings": strings}, sys.stdout)
