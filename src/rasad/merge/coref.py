"""Event coreference: which reports (single-document events) tell the same happening.

The core works on a column table of compact values (ints, tuples of interned ints) so a million
reports fit in memory and cluster in seconds; ``merge_documents`` builds the table from Events.

Algorithm (greedy clustering with blocking, never all pairs):

1. Reports with a precise date (a day, or two adjacent days) are processed in date order.  Each
   looks up the clusters indexed under its own place, under every area that contains it, and under
   places inside it (a report about "Homs" may join the Khalidiya cluster), scanning back only as
   far as the date window reaches.  It joins the best compatible cluster or starts a new one.  A
   cluster's core dates come from these precise reports and may span at most ``max_span`` days, so
   daily reports of a month-long siege do not chain into one event.
2. Reports with a wide date (week/month, or only the publication date to go by) then join the best
   compatible cluster whose core overlaps their range, or start their own.  Reports with no usable
   date (relative expressions without an anchor, no publication date) are linked only at a specific
   place (a town or neighbourhood, never a bare admin area) and only on a fact that singles out one
   happening: both claim who controls the place (a capture, a withdrawal, "still holding": one fact
   sources dispute, whereas shelling or clashes at one place recur daily), or both give a close
   death toll (``tolls_agree``, at least ``DISTINCT_TOLL`` dead) for the same kind of attack -- and then
   only when exactly one cluster qualifies.  An undated document may carry the window its corpus
   was published in (``undated_windows``); clusters dated outside that window are not candidates.
0. Reports that tell no happening of their own stay alone: an act planned or hypothetical ("plans to
   retake Ramadi"), or a date no closer than ``MAX_LINK_WIDTH`` days ("last year").
3. Reports placed only in a country and dated to a day of their own join the one compatible event in
   that country within their date window when there is exactly one; with only the days before their
   publication to go by they stay on their own (a country sees too many happenings in three days for
   "the only one" to mean anything), as do reports with no place at all.

Compatibility (``compat``): same sub-event or same type group (clash / captured / withdrew about one
place is one battle), places nested, dates within the window, actor blocs compatible; and a battle report
does not join a cluster where a report of its own document fights at another place (two fights told).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rasad.merge.compat import AREA_KEY_PREFIXES, GROUP_OF, SUB_EVENT_CODES, SUBGROUP_OF

#: Slack (days) between a report's date range and a cluster's core dates.
DATE_WINDOW = 1
#: Longest span (days) of the precise dates inside one canonical event.
MAX_SPAN = 2
#: Ranges at most this wide (days, end - start) count as precise.
PRECISE_WIDTH = 1
#: Reports dated no closer than this many days (end - start; "last year", "in 2014") tell a happening
#: that a year holds many of: they stay on their own rather than join whatever their place saw that
#: year.  A month ("in January", "since August 2014") still links.
MAX_LINK_WIDTH = 31
#: Index lists scanned for reports with no date at all are cut to their most recent entries.
UNDATED_SCAN_LIMIT = 256
#: At most this many clusters per index list and date window are compared (bounded work per report
#: even in a city with dozens of events a day).
MAX_PER_LIST = 48
#: Sub-event groups where a fight's two sides must match for two reports to merge (battles).
_BATTLE_GROUP = GROUP_OF[SUB_EVENT_CODES["Armed clash"]]
#: ``bloc mask`` bits are assigned on first sight of a bloc label.
UNKNOWN_DATE = -1
#: No usable death toll for a report (none given, or only a vague one: "dozens").
NO_TOLL = -1
#: Smallest death toll that singles out one happening among undated reports at one place: one or two
#: dead at a town are reported day after day, 43 dead in one shelling of Aden are not.
DISTINCT_TOLL = 5
#: Two tolls agree as a shared detail when they differ by at most this fraction of the larger one.
TOLL_TOLERANCE = 0.2
#: ... or, for a mass-casualty strike, bombing or attack (both tolls at least ``RISING_TOLL_MIN`` dead,
#: not a battle), by at most this fraction: such a toll rises from report to report (20 dead "this
#: morning" in one paper, 31 the next day in another once the rubble is cleared) and an undated report
#: cannot say which came first.  It still tells 16 from 60.  Battles are left at the narrow band: their
#: tolls are the fighters killed day after day at the same front.
RISING_TOLL_TOLERANCE = 0.5
RISING_TOLL_MIN = 10


def tolls_agree(a: int, b: int, battle: bool) -> bool:
    """Do two definite death tolls tell the same happening (see ``TOLL_TOLERANCE``)?"""
    high = max(a, b)
    band = RISING_TOLL_TOLERANCE if not battle and min(a, b) >= RISING_TOLL_MIN else TOLL_TOLERANCE
    return abs(a - b) <= band * high


#: Two definite death tolls more than this many times apart (the larger at least ``DISTINCT_TOLL``) tell two
#: happenings when the reports share no day (one of them is dated only to a week or a publication window):
#: 19 executed and 2 executed, 4 and 15 killed in clashes, 2 and 7 soldiers killed; outlets that disagree on
#: one toll stay within it (17, 16 and 6 killed in one strike; 42 and 22 in one battle).  Two reports of one
#: day keep their link: the two sides' tolls of one fight can differ more than that (123 and 16).
CONFLICTING_TOLL_RATIO = 3


def tolls_conflict(toll: int, cluster_tolls: list[int] | None, battle: bool) -> bool:
    """Whether a report's definite death toll is far from every toll already told of an event (see
    ``CONFLICTING_TOLL_RATIO``): then the report tells another happening and does not join it.  A
    mass-casualty toll of a strike, bombing or attack (both at least ``RISING_TOLL_MIN``) may rise that
    much from report to report (12 dead the first morning, 40 two days later) and is no conflict."""
    if toll == NO_TOLL or not cluster_tolls:
        return False
    return all(max(toll, t) >= DISTINCT_TOLL and max(toll, t) > CONFLICTING_TOLL_RATIO * min(toll, t)
               and (battle or min(toll, t) < RISING_TOLL_MIN) for t in cluster_tolls)


@dataclass
class ReportTable:
    """Column store of reports for the merge core.

    ``paths`` hold containment paths of interned place keys (``intern_path``); dates are proleptic
    Gregorian ordinals (``date.toordinal()``), ``UNKNOWN_DATE`` when unknown; ``blocs`` are bit masks
    of actor blocs (``bloc_bit``).  A path of length <= 1 (country only, or nothing) is "no place".
    """

    docs: list[int] = field(default_factory=list)
    subs: list[int] = field(default_factory=list)
    paths: list[tuple[int, ...]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    blocs: list[int] = field(default_factory=list)
    control: list[bool] = field(default_factory=list)  # the report claims who controls the place
    perps: list[int] = field(default_factory=list)  # bloc bit of the perpetrator (actor1), 0: unknown
    #: death toll (best, else low) when the report gives a definite one, else ``NO_TOLL``
    tolls: list[int] = field(default_factory=list)
    #: report -> (first, last) ordinal of the days its undated document may have been published in
    #: (its corpus's publication window); only reports without any date have one
    undated_windows: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: document -> interned paths of the places it names (below country): where a report placed only
    #: at a country or an admin area most likely happened
    doc_places: dict[int, list[tuple[int, ...]]] = field(default_factory=dict)
    #: interned paths that end at an admin area (a governorate, district...) rather than a place
    area_paths: set[tuple[int, ...]] = field(default_factory=set)
    #: reports that deny or negate the act they tell ("Ankara denied shelling YPG positions")
    denials: set[int] = field(default_factory=set)
    #: reports of an act that has not happened: planned or hypothetical ("plans to retake Ramadi")
    unreal: set[int] = field(default_factory=set)
    _keys: dict[str, int] = field(default_factory=dict)
    _paths: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)
    _bits: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.subs)

    def intern_path(self, path: tuple[str, ...]) -> tuple[int, ...]:
        cached = self._paths.get(path)
        if cached is None:
            keys = self._keys
            cached = tuple(keys.setdefault(k, len(keys)) for k in path)
            self._paths[path] = cached
            if path and path[-1].startswith(AREA_KEY_PREFIXES):
                self.area_paths.add(cached)
        return cached

    def bloc_bit(self, bloc: str) -> int:
        bit = self._bits.get(bloc)
        if bit is None:
            bit = 1 << len(self._bits)
            self._bits[bloc] = bit
        return bit

    def add(self, doc: int, sub: int, path: tuple[int, ...], start: int, end: int, blocs: int,
            control: bool = False, perp: int = 0, toll: int = NO_TOLL) -> int:
        self.tolls.append(toll)
        self.control.append(control)
        self.perps.append(perp)
        self.docs.append(doc)
        self.subs.append(sub)
        self.paths.append(path)
        self.starts.append(start)
        self.ends.append(end)
        self.blocs.append(blocs)
        return len(self.subs) - 1


class _Clusters:
    """Mutable cluster state as parallel lists (cheap at a million reports).

    Each cluster is indexed under its own (most specific) place key and, as an "ancestor", under every
    area key that contains it (not the country: nothing is looked up at country level).  There is one
    index per pass (precise, wide, undated); each pass creates clusters in start order, so every index
    list stays sorted by cluster start with plain appends and any date window is a bisect slice.
    """

    __slots__ = ("start", "end", "group", "sub", "path", "pair", "size", "control", "tier", "indexes", "perp",
                 "tolls", "windows")

    def __init__(self) -> None:
        self.start: list[int] = []
        self.end: list[int] = []
        self.group: list[int] = []
        self.sub: list[int] = []
        self.path: list[tuple[int, ...]] = []
        self.pair: list[int] = []  # bloc mask of the first report naming two sides (0: none yet)
        self.size: list[int] = []
        self.control: list[bool] = []
        self.tier: list[int] = []  # which pass created the cluster (its index)
        self.perp: list[int] = []  # bloc bits of the perpetrators its reports name (0: none)
        self.tolls: dict[int, list[int]] = {}  # cluster -> the definite death tolls its reports give
        self.windows: dict[int, tuple[int, int]] = {}  # undated cluster -> its corpus publication window
        # per pass: (by own key, by ancestor key); key -> (starts, cluster ids), sorted by start
        self.indexes: tuple[tuple[dict[int, tuple[list[int], list[int]]],
                                  dict[int, tuple[list[int], list[int]]]], ...] = (({}, {}), ({}, {}), ({}, {}))

    def new(self, sub: int, path: tuple[int, ...], start: int, end: int, blocs: int, tier: int,
            control: bool = False, perp: int = 0) -> int:
        cid = len(self.start)
        self.perp.append(perp)
        self.control.append(control)
        self.start.append(start)
        self.end.append(end)
        self.group.append(GROUP_OF[sub])
        self.sub.append(sub)
        self.path.append(path)
        self.pair.append(blocs if blocs.bit_count() >= 2 else 0)
        self.size.append(1)
        self.tier.append(tier)
        self._index(cid, path, 0)
        return cid

    @staticmethod
    def _put(index: dict[int, tuple[list[int], list[int]]], key: int, start: int, cid: int) -> None:
        entry = index.get(key)
        if entry is None:
            index[key] = ([start], [cid])
            return
        starts, ids = entry
        if starts[-1] <= start:
            starts.append(start)
            ids.append(cid)
        else:  # a refined cluster re-indexed a little behind the pass's current date: near the end
            pos = bisect_right(starts, start)
            starts.insert(pos, start)
            ids.insert(pos, cid)

    def _index(self, cid: int, path: tuple[int, ...], from_depth: int) -> None:
        start = self.start[cid]
        by_key, by_anc = self.indexes[self.tier[cid]]
        last = len(path) - 1
        for depth in range(max(from_depth, 0), len(path)):
            if depth == last:
                self._put(by_key, path[depth], start, cid)
            elif depth > 0:
                self._put(by_anc, path[depth], start, cid)

    def refine(self, cid: int, path: tuple[int, ...]) -> None:
        """A more specific report joined: index the cluster under its new, deeper place."""
        old = self.path[cid]
        self.path[cid] = path
        if len(old) > 1:  # the old own key now contains the cluster
            self._put(self.indexes[self.tier[cid]][1], old[-1], self.start[cid], cid)
        self._index(cid, path, len(old))


def _candidates(cl: _Clusters, path: tuple[int, ...], lo: int | None, hi: int | None) -> set[int]:
    """Clusters at this place, at areas containing it, or inside it, with start in [lo, hi].

    ``lo is None``: no date to go by -- the most recent ``UNDATED_SCAN_LIMIT`` clusters of each list.
    """
    found: set[int] = set()
    own = path[-1]
    for by_key, by_anc in cl.indexes:
        lists = [by_key.get(key) for key in path]
        lists.append(by_anc.get(own))
        for entry in lists:
            if entry is None:
                continue
            starts, ids = entry
            if lo is None:
                found.update(ids[-UNDATED_SCAN_LIMIT:])
                continue
            a, b = bisect_left(starts, lo), bisect_right(starts, hi)
            if b - a > MAX_PER_LIST:
                # a busy area: only the clusters nearest in time (the window's end) are plausible partners
                a = b - MAX_PER_LIST
            found.update(ids[a:b])
    return found


def cluster_reports(table: ReportTable, window: int = DATE_WINDOW, max_span: int = MAX_SPAN) -> list[int]:
    """Cluster label (0..k-1) for every report of ``table``."""
    n = len(table)
    subs, paths, starts, ends, blocs = table.subs, table.paths, table.starts, table.ends, table.blocs
    labels = [-1] * n
    cl = _Clusters()

    precise: list[int] = []
    wide: list[int] = []
    undated: list[int] = []
    placeless: list[int] = []
    vague: list[int] = []
    for i in range(n):
        if i in table.unreal or (starts[i] != UNKNOWN_DATE and ends[i] - starts[i] > MAX_LINK_WIDTH):
            vague.append(i)
        elif len(paths[i]) <= 1:
            placeless.append(i)
        elif starts[i] == UNKNOWN_DATE:
            undated.append(i)
        elif ends[i] - starts[i] <= PRECISE_WIDTH:
            precise.append(i)
        else:
            wide.append(i)
    precise.sort(key=starts.__getitem__)
    wide.sort(key=starts.__getitem__)

    c_start, c_end, c_group, c_sub, c_path, c_pair, c_size, c_control = (
        cl.start, cl.end, cl.group, cl.sub, cl.path, cl.pair, cl.size, cl.control)
    control = table.control
    perps, c_perp = table.perps, cl.perp
    battle = _BATTLE_GROUP
    # civilians caught in a fight are its victims, not a side: "ISIS vs army" and "ISIS vs villagers"
    # can tell one attack on a village
    sides = ~table._bits.get("C", 0)
    doc_places = table.doc_places
    tolls, c_tolls = table.tolls, cl.tolls
    windows, c_windows = table.undated_windows, cl.windows
    areas = table.area_paths
    docs = table.docs
    # (battle cluster, document) -> the place path of that document's first report in the cluster (places
    # below the country only): one document telling fighting at two places (clashes in a city and clashes
    # in a quarter of it, each with its own toll) tells two fights -- the extractor already joined the
    # tellings of one battle it saw ("advancing in Homs ... took Khalidiya").  Strikes and blasts are left
    # out: one outlet names a blast's place at two grains more often than it tells two blasts.
    doc_place: dict[tuple[int, int], tuple[int, ...]] = {}

    def window_of(c: int) -> tuple[int, int] | None:
        if c_start[c] != UNKNOWN_DATE:
            return c_start[c], c_end[c]
        return c_windows.get(c)

    def shares_toll(i: int, c: int) -> bool:
        toll = tolls[i]
        in_battle = GROUP_OF[subs[i]] == battle
        return any(tolls_agree(toll, t, in_battle) for t in c_tolls.get(c, ()))

    def best_of(i: int, cands: set[int] | list[int], span_limit: bool, need_control: bool = False,
                unique: bool = False, specific: bool = False, shared_toll: bool = False) -> int:
        """The best compatible cluster for report ``i`` (-1: none, or ambiguous when ``unique``).

        ``specific`` (reports with no date): only clusters at a place, not an admin area, and dated
        (or published) within the report's corpus window; ``shared_toll`` also needs the same narrow
        type, a death toll in common and exactly one such cluster.
        """
        sub = subs[i]
        group = GROUP_OF[sub]
        path = paths[i]
        plen = len(path)
        rs, re_ = starts[i], ends[i]
        b = blocs[i]
        two_sided = b.bit_count() >= 2
        narrow = SUBGROUP_OF[sub]
        perp = perps[i]
        doc = docs[i]
        day_dated = rs != UNKNOWN_DATE and re_ - rs <= PRECISE_WIDTH
        best, best_score, n_compatible = -1, -1e9, 0
        for c in cands:
            if c_group[c] != group or (need_control and not c_control[c]):
                continue
            same_narrow = SUBGROUP_OF[c_sub[c]] == narrow
            if specific or shared_toll:
                if c_path[c] in areas:
                    continue
                w, cw = windows.get(i), window_of(c)
                if shared_toll:
                    # neither has any date, or both lie in overlapping windows
                    if (w is None) != (cw is None) or not same_narrow or not shares_toll(i, c):
                        continue
                if w is not None and cw is not None and (w[0] > cw[1] or w[1] < cw[0]):
                    continue
            if not same_narrow:
                # another weapon for one blast: only precisely dated, and the perpetrators must not differ
                if rs == UNKNOWN_DATE or re_ - rs > PRECISE_WIDTH or c_start[c] == UNKNOWN_DATE:
                    continue
                if perp and c_perp[c] and not (perp & c_perp[c]):
                    continue
            cp = c_path[c]
            clen = len(cp)
            if clen <= plen:
                if path[:clen] != cp:
                    continue
            elif cp[:plen] != path:
                continue
            if group == battle and plen > 1 and doc_place.get((c, doc), path) != path:
                continue  # its own document tells another happening there, at another place
            if tolls_conflict(tolls[i], c_tolls.get(c), group == battle) and not (
                    day_dated and c_start[c] != UNKNOWN_DATE and c_end[c] - c_start[c] <= PRECISE_WIDTH):
                continue  # far tolls with no day in common; on one day, sides' tolls of one fight differ widely
            if rs != UNKNOWN_DATE:
                cs, ce = c_start[c], c_end[c]
                if cs != UNKNOWN_DATE:
                    if rs - window > ce or re_ + window < cs:
                        continue
                    if span_limit and max(ce, re_) - min(cs, rs) > max_span:
                        continue
            pair = c_pair[c]
            if two_sided and pair:
                if group == battle:
                    ps, bs = pair & sides, b & sides
                    # two different pairs of sides are two fights -- unless both tell who took one
                    # specific place and share a side (outlets disagree on whom it was taken from)
                    if (ps != bs and ps.bit_count() >= 2 and bs.bit_count() >= 2
                            and not (need_control and specific and ps & bs)):
                        continue
                    if not (ps & bs) and ps and bs:
                        continue
                elif not (pair & b):
                    continue
            n_compatible += 1
            score = (3.0 if c_sub[c] == sub else 1.5 if same_narrow else 0.0) + (2.0 if clen == plen else 0.0)
            if two_sided and pair == b:
                score += 1.0
            if rs != UNKNOWN_DATE and c_start[c] != UNKNOWN_DATE:
                score -= 0.25 * abs(c_start[c] - rs)
            score += 0.001 * min(c_size[c], 100)
            if score > best_score:
                best, best_score = c, score
        if shared_toll and n_compatible != 1:
            return -1
        if unique and n_compatible > 1:
            # several events in the area or country: the places the report's document names decide
            return best_of_named(i, cands, span_limit, need_control)
        if unique and n_compatible != 1:
            return -1
        return best

    def best_of_named(i: int, cands: set[int] | list[int], span_limit: bool, need_control: bool) -> int:
        named = doc_places.get(table.docs[i])
        if not named:
            return -1
        plen = len(paths[i])
        near = [c for c in cands
                if len(c_path[c]) > plen and any(_nested(c_path[c], p) for p in named if len(p) > plen)]
        if not near or len(near) == len(cands):
            return -1
        return best_of(i, near, span_limit, need_control, unique=True)

    def note_place(i: int, c: int) -> None:
        if GROUP_OF[subs[i]] == battle and len(paths[i]) > 1:
            doc_place.setdefault((c, docs[i]), paths[i])

    def join(i: int, c: int, update_dates: bool) -> None:
        labels[i] = c
        note_place(i, c)
        c_size[c] += 1
        if control[i]:
            c_control[c] = True
        if update_dates:
            if starts[i] < c_start[c]:
                c_start[c] = starts[i]
            if ends[i] > c_end[c]:
                c_end[c] = ends[i]
        b = blocs[i]
        if not c_pair[c] and b.bit_count() >= 2:
            c_pair[c] = b
        c_perp[c] |= perps[i]
        if tolls[i] != NO_TOLL:
            c_tolls.setdefault(c, []).append(tolls[i])
        w = windows.get(i) if starts[i] == UNKNOWN_DATE else None
        if w is not None and c_start[c] == UNKNOWN_DATE:
            cw = c_windows.get(c)
            c_windows[c] = w if cw is None else (min(w[0], cw[0]), max(w[1], cw[1]))
        if len(paths[i]) > len(c_path[c]):
            cl.refine(c, paths[i])

    def open_cluster(i: int, tier: int, first: int, last: int, claims_control: bool) -> int:
        c = cl.new(subs[i], paths[i], first, last, blocs[i], tier, claims_control, perps[i])
        if tolls[i] != NO_TOLL:
            c_tolls[c] = [tolls[i]]
        if i in windows:
            c_windows[c] = windows[i]
        note_place(i, c)
        return c

    lookback = window + max_span
    for i in precise:
        c = best_of(i, _candidates(cl, paths[i], starts[i] - lookback, ends[i] + window), True,
                    unique=paths[i] in areas)
        if c < 0:
            labels[i] = open_cluster(i, 0, starts[i], ends[i], control[i])
        else:
            join(i, c, update_dates=True)

    for i in wide:
        cands = _candidates(cl, paths[i], starts[i] - lookback, ends[i] + window)
        c = best_of(i, cands, False, unique=paths[i] in areas)
        if c < 0:
            labels[i] = open_cluster(i, 1, starts[i], ends[i], control[i])
        else:
            join(i, c, update_dates=False)

    # With no date at all, only a fact that singles out one happening at one specific place links:
    # who controls the place (one fact that sources dispute, while shelling or clashes at a place
    # recur day after day), or the same death toll for the same kind of attack.  A report placed
    # only at a governorate or district has no such place.
    for i in undated:
        c = -1
        if paths[i] not in areas and (control[i] or tolls[i] >= DISTINCT_TOLL):
            cands = _candidates(cl, paths[i], None, None)
            if control[i]:
                c = best_of(i, cands, False, need_control=True, specific=True)
            if c < 0 and tolls[i] >= DISTINCT_TOLL:
                c = best_of(i, cands, False, shared_toll=True)
        if c < 0:
            labels[i] = open_cluster(i, 2, UNKNOWN_DATE, UNKNOWN_DATE, control[i])
        else:
            join(i, c, update_dates=False)

    # Reports placed only in a country cannot be blocked by place; one dated to a day of its own joins an
    # event when it is the only compatible one in that country within its date window (a suicide bombing
    # "in Syria" on the day of the only suicide bombing reported), else it stays on its own.
    by_country: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    if any(len(paths[i]) == 1 and starts[i] != UNKNOWN_DATE for i in placeless):
        for c in sorted(range(len(c_start)), key=c_start.__getitem__):
            if len(c_path[c]) >= 2 and c_start[c] != UNKNOWN_DATE:
                entry = by_country.setdefault((c_path[c][0], c_group[c]), ([], []))
                entry[0].append(c_start[c])
                entry[1].append(c)
    # With neither a date nor a place below the country, only a rare pairing links: exactly two such
    # reports in the corpus give the same sub-event and the same two named sides ("Turkish jets strike
    # ISIS in Syria" in two papers of one scrape).  A third such report means several happenings.
    undated_pairs: dict[tuple[int, int, int], list[int]] = {}
    for i in placeless:
        if len(paths[i]) == 1 and starts[i] == UNKNOWN_DATE and i in windows and (blocs[i] & sides).bit_count() >= 2:
            undated_pairs.setdefault((paths[i][0], subs[i], blocs[i]), []).append(i)
    partner: dict[int, int] = {}
    for pair in undated_pairs.values():
        if len(pair) == 2:
            a, b = pair
            wa, wb = windows[a], windows[b]
            if table.docs[a] != table.docs[b] and wa[0] <= wb[1] and wb[0] <= wa[1]:
                partner[b] = a
    for i in placeless:
        c = -1
        entry = by_country.get((paths[i][0], GROUP_OF[subs[i]])) if len(paths[i]) == 1 else None
        if entry is not None and starts[i] != UNKNOWN_DATE and ends[i] - starts[i] <= PRECISE_WIDTH:
            lo, hi = bisect_left(entry[0], starts[i] - lookback), bisect_right(entry[0], ends[i] + window)
            if hi - lo <= MAX_PER_LIST:
                c = best_of(i, entry[1][lo:hi], False, unique=True)
        elif i in partner:
            c = labels[partner[i]]
        if c < 0:
            labels[i] = open_cluster(i, 2, starts[i], ends[i], False)
        else:
            join(i, c, update_dates=False)
    for i in vague:
        labels[i] = open_cluster(i, 2, starts[i], ends[i], False)
    if table.denials:
        _join_denials(table, labels, c_size)
    return labels


def _join_denials(table: ReportTable, labels: list[int], sizes: list[int]) -> None:
    """A document that tells a claim and its denial ("the YPG said the Turkish army shelled its positions
    near Jarabulus" / "a Turkish official said the army did not shell positions in a village in northern
    Syria") tells one happening twice, with its existence disputed.

    A denial whose event holds only denials (its own, or other outlets' denials of the same act) joins,
    with them, the event of the one report of its document that asserts the same kind of act (narrow
    type group) by the same perpetrator at a nested place (a denial is often vaguer: "a village in
    northern Syria").  Clusters emptied this way leave their label unused; labels are renumbered to
    stay 0..k-1.
    """
    docs, subs, paths, perps = table.docs, table.subs, table.paths, table.perps
    denied_docs = {docs[i] for i in table.denials}
    by_doc: dict[int, list[int]] = {}
    for i, d in enumerate(docs):
        if d in denied_docs:
            by_doc.setdefault(d, []).append(i)
    denial_labels = {labels[i] for i in table.denials}
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        if label in denial_labels:
            members.setdefault(label, []).append(i)
    moved = False
    for i in sorted(table.denials):
        group = members.get(labels[i], [])
        if not perps[i] or not group or any(j not in table.denials for j in group):
            continue  # already with a report that asserts the act
        narrow, path = SUBGROUP_OF[subs[i]], paths[i]
        targets = {labels[j] for j in by_doc[docs[i]]
                   if j not in table.denials and SUBGROUP_OF[subs[j]] == narrow and perps[j] & perps[i]
                   and (_nested(paths[j], path) or not path or not paths[j])}
        if len(targets) == 1:
            # the denial and any other denials of the same act (other outlets) join the claim
            c, old = targets.pop(), labels[i]
            for j in group:
                labels[j] = c
            sizes[c] += len(group)
            sizes[old] = 0
            members[c] = members.get(c, []) + group
            members[old] = []
            moved = True
    if moved:
        renumber: dict[int, int] = {}
        for i, label in enumerate(labels):
            labels[i] = renumber.setdefault(label, len(renumber))


def _nested(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    if len(a) > len(b):
        a, b = b, a
    return b[: len(a)] == a
