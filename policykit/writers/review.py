"""The review page: one self-contained HTML file to check an extraction by eye.

The source text fills the left side, every measure on a tinted background
and the units, citations, targets and deadlines inside it marked in their
own colours; warnings are underlined where they apply. The right side holds
the legend, the units panel (each department under its canonical name, the
forms the text writes for it, its tasks as lead and co, placeholder groups
and likely duplicates marked; a click filters the measures), a table of
measures with their targets and citations (a click scrolls to the text), and
the warnings, citations and targets. Every label is Chinese (words in
``policykit/data/review.toml``). No external script, style, font or image:
the page opens offline and its Content-Security-Policy forbids any request.

Highlights are placed with the JSON's spans, which index into the source
text. Units have no spans in the contract, so each measure's lead and co
names (as written) are looked up inside that measure's own span.
"""
from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..data import read_toml
from ..extract.flags import is_flag
from ..model import PolicyDocument


@dataclass(frozen=True)
class Kind:
    """One kind of highlight: its CSS class, its name for people, its colour."""

    name: str
    zh: str
    colour: str


# Outermost first: a measure holds the rest; where two highlights cross,
# the one of the later kind is split so the HTML stays well nested.
MEASURE = Kind("measure", "措施", "#e7f0fa")
WARNING = Kind("warning", "警告", "#e03131")
FLAG = Kind("flag", "待核", "#f59f00")   # a place the extraction may have read wrong
CITATION = Kind("citation", "引用", "#b2f2bb")
TARGET = Kind("target", "目标", "#d0bfff")
DEADLINE = Kind("deadline", "期限", "#ffc9c9")
LEAD = Kind("lead", "牵头单位", "#ffd8a8")
CO = Kind("co", "配合单位", "#fff08a")
KINDS = (MEASURE, FLAG, WARNING, CITATION, TARGET, DEADLINE, LEAD, CO)
_RANK = {kind.name: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: Kind
    ref: str            # the item it shows: "m3", "c2", "w1" …; a unit shows its measure
    note: str           # the tooltip
    anchor: bool = False  # whether the item's first fragment carries id=ref


def review_page(doc: PolicyDocument | dict[str, Any], source: str) -> str:
    """The review page of ``doc`` (the model or its policykit/1 JSON), whose
    spans index into ``source`` (what ``policykit text`` prints)."""
    data = doc.to_dict() if hasattr(doc, "to_dict") else doc
    highlights = list(highlights_of(data, source))
    title = data["document"]["title"] or data["source"]["path"] or "policykit"
    counts = Counter(h.kind.name for h in highlights)
    units = data.get("units") or []
    return _PAGE.format(
        title=_e(title),
        style=_STYLE,
        script=_SCRIPT,
        header=_header(data),
        text=marked_text(source, highlights),
        legend=_legend(counts),
        units=units_panel(units),
        measures=_measures_table(data),
        citations=_citations_list(data["citations"]),
        targets=_targets_list(data["targets"]),
        warnings=warnings_list(data["warnings"], source),
        flags=warnings_list(data["warnings"], source, flags=True),
        n_flags=sum(1 for w in data["warnings"] if is_flag(w["code"])),
        n_units=sum(not u.get("placeholder") for u in units),
        n_measures=len(data["measures"]),
        n_citations=len(data["citations"]),
        n_targets=len(data["targets"]),
        n_warnings=sum(1 for w in data["warnings"] if not is_flag(w["code"])),
    )


# -- where the highlights go -------------------------------------------------------


def highlights_of(data: dict[str, Any], source: str) -> Iterable[Highlight]:
    size = len(source)

    def clamp(span) -> tuple[int, int] | None:
        if not span:
            return None
        start, end = max(0, min(span[0], size)), max(0, min(span[1], size))
        return (start, end) if start < end else None

    for m in data["measures"]:
        span = clamp(m["span"])
        if span is None:
            continue
        yield Highlight(*span, MEASURE, m["id"], _measure_note(m), anchor=True)
        deadline = m["deadline"]
        if deadline and clamp(deadline.get("span")):
            kind = _words("deadline_kinds").get(deadline["kind"], deadline["kind"])
            note = f"期限：{deadline['text']} → {deadline['date'] or '日期不明'}（{kind}）"
            yield Highlight(*clamp(deadline["span"]), DEADLINE, m["id"], note)
        yield from unit_mentions(m, source, span)
    for c in data["citations"]:
        if clamp(c["span"]):
            note = f"{c['id']} 引用：《{c['title'] or ''}》{c['doc_number'] or ''}"
            yield Highlight(*clamp(c["span"]), CITATION, c["id"], note, anchor=True)
    for t in data["targets"]:
        if clamp(t["span"]):
            yield Highlight(*clamp(t["span"]), TARGET, t["id"], f"{t['id']} 目标：{_target_value(t)}",
                            anchor=True)
    for i, w in enumerate(data["warnings"], 1):
        if clamp(w["span"]):
            kind = FLAG if is_flag(w["code"]) else WARNING
            yield Highlight(*clamp(w["span"]), kind, f"w{i}", warning_text(w), anchor=True)


def unit_mentions(measure: dict[str, Any], source: str, span: tuple[int, int]) -> Iterable[Highlight]:
    """Where the measure's lead and co units are written inside its span,
    longest name first, no two mentions overlapping."""
    roles = {name: CO for name in measure["co_units"]}
    roles.update((name, LEAD) for name in measure["lead_units"])
    region = source[span[0]:span[1]]
    taken: list[tuple[int, int]] = []
    for name in sorted((n for n in roles if n), key=len, reverse=True):
        at = region.find(name)
        while at >= 0:
            start, end = span[0] + at, span[0] + at + len(name)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                kind = roles[name]
                yield Highlight(start, end, kind, measure["id"], f"{kind.zh} · {measure['id']}")
            at = region.find(name, at + len(name))


def marked_text(source: str, highlights: list[Highlight]) -> str:
    """``source`` as HTML, escaped, with every highlight a ``<span>``.

    Highlights may overlap in any way: at each boundary the open elements
    are closed back to the first one that changes and the still-active ones
    reopened (a continuation fragment carries no id), so the result is
    always well nested.
    """
    order = sorted(highlights, key=lambda h: (_RANK[h.kind.name], h.start, -h.end, h.ref))
    cuts = sorted({0, len(source)} | {h.start for h in order} | {h.end for h in order})
    starting: dict[int, list[int]] = {}
    for rank, h in enumerate(order):
        starting.setdefault(h.start, []).append(rank)
    out: list[str] = []
    open_now: list[Highlight] = []
    started: set[int] = set()
    live: list[int] = []   # ranks in ``order`` of the highlights over the piece: a sweep, not a scan per piece
    for left, right in zip(cuts, cuts[1:]):
        live = sorted(rank for rank in (*live, *starting.get(left, ())) if order[rank].end > left)
        now = [order[rank] for rank in live]
        keep = 0
        while keep < min(len(open_now), len(now)) and open_now[keep] is now[keep]:
            keep += 1
        out.append("</span>" * (len(open_now) - keep))
        for h in now[keep:]:
            first = id(h) not in started
            started.add(id(h))
            out.append(_open(h, first))
        open_now = now
        out.append(_e(source[left:right]))
    out.append("</span>" * len(open_now))
    return "".join(out)


def _open(h: Highlight, first: bool) -> str:
    attrs = [f'class="hl {h.kind.name}{"" if first else " cont"}"', f'data-ref="{_e(h.ref)}"',
             f'title="{_e(h.note)}"']
    if first and h.anchor:
        attrs.insert(0, f'id="{_e(h.ref)}"')
        if h.kind is MEASURE:
            attrs.append(f'data-label="{_e(h.ref)}"')
    return f"<span {' '.join(attrs)}>"


# -- the side panel ----------------------------------------------------------------


def _header(data: dict[str, Any]) -> str:
    d, s = data["document"], data["source"]
    facts = [("文号", d["doc_number"]), ("发文机关", d["issuer"]), ("成文日期", d["date"]),
             ("来源文件", s["path"]), ("字数", s["chars"])]
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v if v is not None else '—')}</dd>" for k, v in facts)
    return f"<h1>{_e(d['title'] or '（无标题）')}</h1><dl class=\"facts\">{rows}</dl>"


def _legend(counts: Counter) -> str:
    items = "".join(
        f'<li><span class="swatch {k.name}"></span>{_e(k.zh)} <b>{counts[k.name]}</b></li>'
        for k in (MEASURE, LEAD, CO, CITATION, TARGET, DEADLINE, FLAG, WARNING))
    return f'<ul class="legend">{items}</ul>'


def units_panel(units: list[dict[str, Any]]) -> str:
    """Each department of the units index: its canonical name, the other forms
    the text writes for it, its tasks as lead and as co (co only where it does
    not lead). Placeholder groups and names that may be one department are
    marked, so that they are merged (``--aliases``) before the sheets are
    written. A click on a row shows only its measures."""
    if not units:
        return '<p class="none">无单位</p>'
    twins = likely_duplicates([u["name"] for u in units])
    rows = []
    for u in units:
        lead = len(u["lead"])
        co = len(set(u["co"]) - set(u["lead"]))
        others = [w for w in u.get("written") or [] if w != u["name"]]
        notes = []
        if u.get("placeholder"):
            notes.append('<span class="tag placeholder">泛指，不单独成表</span>')
        for twin in twins.get(u["name"], ()):
            notes.append(f'<span class="tag twin">可能与“{_e(twin)}”为同一单位</span>')
        cls = ' class="placeholder"' if u.get("placeholder") else ""
        rows.append(f'<tr data-unit="{_e(u["name"])}"{cls}><td>{_e(u["name"])}{"".join(notes)}</td>'
                    f'<td class="written">{_e("、".join(others))}</td>'
                    f'<td class="count">{lead}</td><td class="count">{co}</td></tr>')
    head = "<tr><th>单位（规范名称）</th><th>文中其他写法</th><th>牵头</th><th>配合</th></tr>"
    return (f'<p class="hint">点击单位只看其任务，<a href="#" class="show-all">显示全部</a>。</p>'
            f'<table class="units"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')


def likely_duplicates(names: list[str]) -> dict[str, list[str]]:
    """Names that may stand for one department: the same once a level prefix is
    dropped (省地方金融监管局, 地方金融监管局), or one the start or end of the
    other (各县（市、区）, 各县（市、区）人民政府). Linear in the names: each
    name looks up its own prefixes and suffixes."""
    words = _words("units")
    prefixes = sorted(words["level_prefixes"], key=len, reverse=True)
    least = words["min_compare_chars"]

    def core(name: str) -> str:
        for prefix in prefixes:
            if name.startswith(prefix) and len(name) - len(prefix) >= least:
                return name[len(prefix):]
        return name

    by_core: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_core[core(name)].append(name)
    found: dict[str, list[str]] = defaultdict(list)
    for name in names:
        key = core(name)
        pieces = {key} | {key[:n] for n in range(least, len(key))} | {key[-n:] for n in range(least, len(key))}
        for piece in pieces:
            for other in by_core.get(piece, ()):
                if other != name and other not in found[name]:
                    found[name].append(other)
                    found[other].append(name)
    return {name: sorted(set(others), key=names.index) for name, others in found.items() if others}


def _measures_table(data: dict[str, Any]) -> str:
    measures = data["measures"]
    if not measures:
        return '<p class="none">未找到措施</p>'
    units_of: dict[str, list[str]] = defaultdict(list)
    for u in data.get("units") or []:
        for mid in (*u["lead"], *u["co"]):
            units_of[mid].append(u["name"])
    targets: dict[str, list[str]] = defaultdict(list)
    for t in data["targets"]:
        if t.get("measure"):
            targets[t["measure"]].append(f"{t['text']}（{_target_value(t)}）")
    citations: dict[str, list[str]] = defaultdict(list)
    for c in data["citations"]:
        if c.get("measure"):
            citations[c["measure"]].append(_citation_name(c))
    rows = []
    for m in measures:
        when = m["deadline"]["text"] if m["deadline"] else ""
        extra = "".join(f'<div class="extra target">目标：{_e(t)}</div>' for t in targets.get(m["id"], ()))
        extra += "".join(f'<div class="extra citation">依据：{_e(c)}</div>'
                         for c in dict.fromkeys(citations.get(m["id"], ())))
        names = "|".join(dict.fromkeys(units_of.get(m["id"], ())))
        rows.append(
            f'<tr data-goto="{_e(m["id"])}" data-units="|{_e(names)}|">'
            f'<td><a href="#{_e(m["id"])}">{_e(m["id"])}</a></td>'
            f'<td class="path">{_e(".".join(m["path"]))}</td>'
            f'<td>{_e(_measure_name(m))}{extra}</td>'
            f'<td>{_units(m["lead_units"], LEAD)}</td>'
            f'<td>{_units(m["co_units"], CO)}</td>'
            f'<td>{_e(when)}</td></tr>')
    head = "<tr><th>编号</th><th>层级</th><th>措施</th><th>牵头</th><th>配合</th><th>期限</th></tr>"
    return f'<table class="measures"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _units(names: list[str], kind: Kind) -> str:
    return "".join(f'<span class="chip {kind.name}">{_e(n)}</span>' for n in names)


def _citation_name(c: dict[str, Any]) -> str:
    return f"《{c['title'] or ''}》{c['doc_number'] or ''}" if c["title"] else (c["doc_number"] or c["text"])


def _citations_list(citations: list[dict[str, Any]]) -> str:
    items = [(c["id"], _citation_name(c), c["measure"]) for c in citations]
    return _linked_list(items, "无引用")


def _targets_list(targets: list[dict[str, Any]]) -> str:
    items = [(t["id"], f"{t['text']} — {_target_value(t)}", t["measure"]) for t in targets]
    return _linked_list(items, "无目标")


def warning_text(warning: dict[str, Any]) -> str:
    """What the page says about a warning: the Chinese words for its code
    (``review.toml``), else its own message."""
    return _words("warnings").get(warning["code"]) or warning["message"]


def warnings_list(warnings: list[dict[str, Any]], source: str, flags: bool = False) -> str:
    """The review flags (``flags=True``: places the extraction may have read
    wrong) or the other warnings, one item each in the JSON's order: what it
    means in Chinese, the place it applies to (a link to it) and the message
    as the JSON writes it in the tooltip."""
    items = []
    for i, w in enumerate(warnings, 1):
        if is_flag(w["code"]) != flags:
            continue
        span = w["span"]
        placed = bool(span and span[0] < span[1])
        where = f" <q>{_e(_excerpt(source, span))}</q>" if placed else ""
        text = _e(warning_text(w))
        label = f'<a href="#w{i}">{text}</a>' if placed else f"<b>{text}</b>"
        goto = f' data-goto="w{i}"' if placed else ""
        items.append(f'<li{goto} data-code="{_e(w["code"])}" title="{_e(w["code"] + "：" + w["message"])}">'
                     f'{label}{where}</li>')
    if not items:
        return f'<p class="none">{"无待核之处" if flags else "无警告"}</p>'
    return f'<ol class="{"flags" if flags else "warnings"}">{"".join(items)}</ol>'


def _linked_list(items: list[tuple[str, str, str | None]], empty: str) -> str:
    if not items:
        return f'<p class="none">{_e(empty)}</p>'
    rows = "".join(f'<li data-goto="{_e(ref)}"><a href="#{_e(ref)}">{_e(ref)}</a> {_e(text)}'
                   f'{f" <small>（{_e(measure)}）</small>" if measure else ""}</li>' for ref, text, measure in items)
    return f'<ul class="items">{rows}</ul>'


def _measure_name(m: dict[str, Any]) -> str:
    if m["title"]:
        return m["title"]
    text = m["text"] or ""
    return text[:24] + ("…" if len(text) > 24 else "")


def _measure_note(m: dict[str, Any]) -> str:
    parts = [f"{m['id']} {'.'.join(m['path'])} {_measure_name(m)}"]
    if m["lead_units"]:
        parts.append("牵头：" + "、".join(m["lead_units"]))
    if m["co_units"]:
        parts.append("配合：" + "、".join(m["co_units"]))
    if m["deadline"]:
        parts.append("期限：" + m["deadline"]["text"])
    return "\n".join(parts)


def _target_value(t: dict[str, Any]) -> str:
    """``有效发明专利拥有量 不低于 300件（2020年）``: indicator, comparator, value."""
    value = f"{t['value']}" + (f"—{t['value_max']}" if t["value_max"] is not None else "")
    comparator = _words("comparators").get(t["comparator"], t["comparator"])
    year = f"（{t['year']}年）" if t["year"] else ""
    return f"{t['indicator'] or '指标不明'} {comparator} {value}{t['unit'] or ''}{year}"


@lru_cache(maxsize=None)
def _words(table: str) -> dict[str, Any]:
    return read_toml("review.toml")[table]


def _excerpt(source: str, span, width: int = 30) -> str:
    piece = source[span[0]:span[1]].replace("\n", " ")
    return piece[:width] + ("…" if len(piece) > width else "")


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


# -- the page itself ----------------------------------------------------------------

_STYLE = """
:root { --side: 40%; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(380px, var(--side)); color: #212529;
  font: 15px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
main, aside { height: 100vh; overflow: auto; }
main { padding: 16px 28px 40vh; background: #fff; }
aside { padding: 12px 16px 40vh; background: #f8f9fa; border-left: 1px solid #dee2e6; font-size: 13px; }
h1 { font-size: 17px; margin: 0 0 6px; }
h2 { font-size: 14px; margin: 16px 0 6px; }
dl.facts { display: grid; grid-template-columns: auto 1fr; gap: 0 10px; margin: 0; color: #495057; }
dl.facts dt { color: #868e96; } dl.facts dd { margin: 0; word-break: break-all; }
#source { white-space: pre-wrap; word-break: break-all; line-height: 2.1; font-size: 16px; margin: 0;
  font-family: inherit; }
.hl { border-radius: 3px; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.hl.measure { background: #e7f0fa; box-shadow: inset 3px 0 0 #4c6ef5; padding: 2px 0; }
.hl.measure.cont { box-shadow: none; }
.hl.measure[data-label]::before { content: attr(data-label); font: bold 11px/1 sans-serif; color: #fff;
  background: #4c6ef5; border-radius: 3px; padding: 2px 4px; margin: 0 4px 0 3px; vertical-align: 2px; }
.hl.citation { background: #b2f2bb; }
.hl.target { background: #d0bfff; }
.hl.deadline { background: #ffc9c9; font-weight: bold; }
.hl.lead { background: #ffd8a8; border-bottom: 2px solid #f08c00; }
.hl.co { background: #fff08a; border-bottom: 2px dashed #e0b000; }
.hl.warning { text-decoration: underline wavy #e03131; text-decoration-skip-ink: none;
  text-underline-offset: 4px; }
.hl.current { outline: 2px solid #f03e3e; outline-offset: 1px; }
.hl.measure.current { background: #d0e2f7; }
:target { scroll-margin: 30vh; }
ul.legend { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
ul.legend li { white-space: nowrap; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px;
  margin-right: 4px; border: 1px solid rgba(0,0,0,.15); }
.swatch.measure { background: #e7f0fa; box-shadow: inset 3px 0 0 #4c6ef5; }
.swatch.citation { background: #b2f2bb; } .swatch.target { background: #d0bfff; }
.swatch.deadline { background: #ffc9c9; } .swatch.lead { background: #ffd8a8; }
.swatch.co { background: #fff08a; }
.swatch.warning { background: #fff; border-bottom: 3px solid #e03131; }
.hl.flag { background: #fff3bf; outline: 2px solid #f59f00; outline-offset: 1px; }
.swatch.flag { background: #fff3bf; border: 2px solid #f59f00; }
h2.flags { color: #e8590c; }
table.measures { border-collapse: collapse; width: 100%; background: #fff; }
table.measures th, table.measures td { border: 1px solid #dee2e6; padding: 3px 5px; vertical-align: top;
  text-align: left; }
table.measures th { background: #e9ecef; position: sticky; top: -12px; font-weight: 600; }
table.measures td.path { white-space: nowrap; color: #495057; }
[data-goto] { cursor: pointer; }
tr[data-goto]:hover, li[data-goto]:hover { background: #edf2ff; }
tr.chosen, li.chosen { background: #dbe4ff; }
.chip { display: inline-block; border-radius: 3px; padding: 0 4px; margin: 1px 2px 1px 0; }
.chip.lead { background: #ffd8a8; } .chip.co { background: #fff08a; }
table.units { border-collapse: collapse; width: 100%; background: #fff; }
table.units th, table.units td { border: 1px solid #dee2e6; padding: 2px 5px; vertical-align: top; text-align: left; }
table.units th { background: #e9ecef; font-weight: 600; }
table.units td.count { text-align: right; white-space: nowrap; }
table.units td.written { color: #495057; }
table.units tr[data-unit] { cursor: pointer; }
table.units tr[data-unit]:hover { background: #edf2ff; }
table.units tr.placeholder td { color: #868e96; }
.tag { display: inline-block; font-size: 11px; border-radius: 3px; padding: 0 4px; margin-left: 4px; }
.tag.placeholder { background: #e9ecef; color: #495057; }
.tag.twin { background: #fff3bf; color: #8f5b00; }
.hint { color: #868e96; margin: 2px 0 4px; }
.extra { font-size: 12px; color: #495057; }
tr.filtered-out { display: none; }
ul.items, ol.warnings, ol.flags { margin: 0; padding-left: 20px; }
ul.items li, ol.warnings li, ol.flags li { margin: 2px 0; }
ol.warnings q, ol.flags q { color: #868e96; }
ol.flags li { cursor: pointer; }
.none { color: #868e96; margin: 2px 0; }
details > summary { cursor: pointer; font-weight: 600; margin: 14px 0 6px; font-size: 14px; }
a { color: #364fc7; }
"""

_SCRIPT = """
(function () {
  function show(ref, chooser) {
    var target = document.getElementById(ref);
    if (!target) return;
    document.querySelectorAll(".current, .chosen").forEach(function (el) {
      el.classList.remove("current", "chosen");
    });
    document.querySelectorAll('#source [data-ref="' + ref + '"]').forEach(function (el) {
      if (el.classList.contains(target.classList[1])) el.classList.add("current");
    });
    if (chooser) chooser.classList.add("chosen");
    target.scrollIntoView({block: "center"});
    history.replaceState(null, "", "#" + ref);
  }
  document.querySelectorAll("[data-goto]").forEach(function (row) {
    row.addEventListener("click", function (event) {
      event.preventDefault();
      show(row.getAttribute("data-goto"), row);
    });
  });
  var measures = document.querySelectorAll("table.measures tr[data-units]");
  function filter(unit, chooser) {
    document.querySelectorAll("table.units tr.chosen").forEach(function (el) { el.classList.remove("chosen"); });
    if (chooser) chooser.classList.add("chosen");
    measures.forEach(function (row) {
      var hide = unit !== null && row.getAttribute("data-units").indexOf("|" + unit + "|") < 0;
      row.classList.toggle("filtered-out", hide);
    });
  }
  document.querySelectorAll("table.units tr[data-unit]").forEach(function (row) {
    row.addEventListener("click", function () { filter(row.getAttribute("data-unit"), row); });
  });
  document.querySelectorAll("a.show-all").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); filter(null, null); });
  });
  if (location.hash) show(decodeURIComponent(location.hash.slice(1)), null);
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policykit show">
<title>审阅 · {title}</title>
<style>{style}</style>
</head>
<body>
<main>
<pre id="source">{text}</pre>
</main>
<aside>
{header}
<h2 class="flags">待核（{n_flags}）</h2>
<p class="hint">policykit 可能读错的地方，请先核对</p>
{flags}
<h2>图例</h2>
{legend}
<details open id="units-panel"><summary>单位（{n_units}）</summary>
{units}
</details>
<h2>措施（{n_measures}）</h2>
{measures}
<details open><summary>警告（{n_warnings}）</summary>
{warnings}
</details>
<details><summary>引用（{n_citations}）</summary>
{citations}
</details>
<details><summary>目标（{n_targets}）</summary>
{targets}
</details>
</aside>
<script>{script}</script>
</body>
</html>
"""
