"""HTML pages saved from government web sites: the article, not the site.

1. Drop what never holds the document: scripts, styles, navigation, page
   headers and footers, and small widgets (share, print, font size, QR code)
   recognised by their class or id (``data/reader_html.toml``).
2. Find the article body by content density: starting at <body>, step into
   the child that holds most (≥ 75 %) of the Chinese text outside links,
   until the text no longer sits in one child. This finds div#UCAP-CONTENT,
   div.TRS_Editor, div#zoom, td.b12c … without a list of sites.
3. The title often sits above the body (an <h1>, a ``*title*`` element):
   the nearest one before the body is kept, with the metadata lines between
   it and the body (date, source), unless the body repeats it.
4. Block elements become lines, <br> a line break, a data table one cell per
   line (``tables`` records the cells).
"""
from __future__ import annotations

import re
import warnings as warnings_module
from functools import lru_cache

from ..data import read_toml
from ..errors import ReadError
from ..limits import Limits, current as current_limits
from ..model import Warning
from .plaintext import canonical_encoding, common_share, decode_forced, decode_leniently, decode_text
from .result import ReadResult
from .sourcetext import SourceTextBuilder, is_cjk, join_wrapped

_BLOCK = {
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dir", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", "listing", "xmp", "plaintext",
}
# Elements the content search never steps into: they are one paragraph.
_PARAGRAPH = {"p", "span", "font", "strong", "b", "em", "i", "u", "a", "h1", "h2", "h3", "h4", "h5",
              "h6", "li", "pre", "dd", "dt", "label"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CONTENT_SHARE = 0.75
_MIN_ARTICLE = 20        # characters of text below which the "article" is a guess
_WIDGET_MAX = 50         # a chrome hint removes an element only when its text is this short
_DATA_CELL_MAX = 1500    # a table cell longer than this is page layout, not data
_MAX_COLSPAN = 1000      # what browsers allow (the HTML standard's limit)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_ASCII_WS = re.compile(r"[ \t\n\r\f]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def read_html(data: bytes, path: str | None = None, encoding: str | None = None,
              limits: Limits | None = None) -> ReadResult:
    from bs4 import BeautifulSoup

    limits = limits or current_limits()
    # Start tags, counted in the bytes: each element costs about 1 KB once parsed.
    elements = data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")
    if elements > limits.max_html_elements:
        raise limits.exceeded("max_html_elements", f"the page has some {elements:,} elements", path=path)
    page, warnings = decode_html(data, encoding, path)
    try:
        with warnings_module.catch_warnings():
            # bs4 warns (on standard error, several lines) about pages that
            # look like XML or like a file name; read as HTML they are fine.
            warnings_module.simplefilter("ignore", UserWarning)
            soup = BeautifulSoup(page, "lxml")
    except Exception as exc:  # lxml refuses only truly broken input
        raise ReadError(f"cannot parse HTML ({exc})", path=path) from None
    if _depth(soup) > limits.max_depth:
        raise limits.exceeded("max_depth", "the page's elements are nested too deeply", path=path)
    root = soup.body or soup
    _drop_chrome(root)
    scores = _Scores(root)
    container = _find_article(root, scores)
    if scores.text(container) < _MIN_ARTICLE:
        container = root
        warnings.append(Warning("html_article_not_found", "no article body found; read the whole page"))
    out = SourceTextBuilder(limits)
    _render_article(out, root, container, scores)
    return ReadResult(out.text, "html", None, warnings, out.tables)


def decode_html(data: bytes, encoding: str | None, path: str | None) -> tuple[str, list[Warning]]:
    """UTF-8 first (pages saved by a browser are), then the declared charset,
    then detection; a few damaged bytes are replaced, with a warning."""
    if not data.strip():
        raise ReadError("empty file", path=path)
    if encoding:
        return decode_forced(data, encoding, path), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        name = canonical_encoding(declared.group(1).decode("ascii", "replace"))
        codec = "gb18030" if name == "gb18030" else name
        if name.startswith(_WESTERN):
            chinese = _chinese_instead(data)
            if chinese is not None:
                return chinese, [Warning("charset_mismatch", f"the page says {name} but is written in GB18030; "
                                                             f"read as GB18030")]
        try:
            return data.decode(codec), []
        except (LookupError, UnicodeDecodeError):
            text, damaged = decode_leniently(data, codec)
            if damaged:
                return text, [Warning("invalid_bytes_replaced", f"{damaged} invalid {name} sequences replaced by �")]
    text, _, warnings = decode_text(data, path=path)
    return text, [w for w in warnings if w.code != "encoding_guessed"]


# Single-byte Western code pages: a page that declares one of them and whose
# bytes read as Chinese in GB18030 was saved by a tool that lied.
_WESTERN = ("iso8859", "latin", "cp125", "windows-125", "ascii")


def _chinese_instead(data: bytes) -> str | None:
    """``data`` as GB18030 when that decodes it cleanly into common Chinese."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    hanzi = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return text if hanzi >= 10 and common_share(text) > 0.5 else None


def _depth(soup) -> int:
    """How deep the elements nest, walked without recursion."""
    from bs4 import Tag

    deepest = 0
    stack = [(soup, 0)]
    while stack:
        tag, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in tag.contents if isinstance(child, Tag))
    return deepest


@lru_cache(maxsize=1)
def _chrome() -> tuple[list[str], list[str], tuple[str, ...], re.Pattern[str]]:
    config = read_toml("reader_html.toml")
    pattern = re.compile(r"\A(?:" + "|".join(config["chrome_text"]) + r")\Z")  # \A: never tried mid-line
    return config["drop_tags"], config["furniture_tags"], tuple(config["chrome_hints"]), pattern


def is_chrome_text(text: str) -> bool:
    text = text.strip(" \t\n\u3000\u00a0")
    return bool(text) and len(text) <= 60 and bool(_chrome()[3].match(text))


def _count(text: str) -> int:
    """Weight of a text: Chinese characters, plus Latin letters and digits at a quarter."""
    cjk, latin = _tally(text)
    return cjk + latin // 4


def _tally(text: str) -> tuple[int, int]:
    """(Chinese characters, Latin letters and digits) in ``text``."""
    return (sum(1 for ch in text if "\u3400" <= ch <= "\u9fff"),
            sum(1 for ch in text if ch.isascii() and ch.isalnum()))


def _attr_words(tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, tag.get("id") or ""]).lower()


def _drop_chrome(root) -> None:
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction

    drop_tags, furniture_tags, hints, _ = _chrome()
    for node in root.find_all(string=lambda s: isinstance(s, (Comment, Declaration, Doctype, ProcessingInstruction))):
        node.extract()
    for tag in root.find_all(drop_tags):
        if not _gone(tag):
            tag.decompose()
    weights = _Weights(root)
    for tag in root.find_all(furniture_tags):
        if not _gone(tag) and not weights.holds_title(tag) and weights.text(tag) <= 0.3 * weights.text(root):
            tag.decompose()
    weights = _Weights(root)
    hidden = _outermost(root, _is_hidden)
    hidden_text = sum(weights.text(tag) for tag in hidden)
    # Hidden copies (mobile versions, "export to Word" buffers) go; unless
    # the page hides its own text, to be shown by a script.
    if hidden_text < 0.7 * weights.text(root):
        for tag in hidden:
            if not weights.holds_title(tag) or weights.text(tag) > _WIDGET_MAX:
                tag.decompose()
    weights = _Weights(root)
    for tag in root.find_all(True):
        if _gone(tag) or tag is root:
            continue
        words = _attr_words(tag)
        if words and any(hint in words for hint in hints) and weights.plain(tag) <= _WIDGET_MAX \
                and not weights.holds_title(tag):
            tag.decompose()


def _gone(tag) -> bool:
    """Decomposed already (as part of an element dropped before). Not bs4's
    ``Tag.decomposed``: on a live tag that searches the whole subtree for a
    child named ``_decomposed``, quadratic time on deeply nested pages."""
    return not tag.name


def _is_hidden(tag) -> bool:
    return bool(_HIDDEN.search(tag.get("style") or "")) or tag.has_attr("hidden")


def _outermost(root, predicate) -> list:
    """The elements below ``root`` for which ``predicate`` holds, but not
    those inside one of them; in document order."""
    from bs4 import Tag

    found = []
    stack = [child for child in reversed(root.contents) if isinstance(child, Tag)]
    while stack:
        tag = stack.pop()
        if predicate(tag):
            found.append(tag)
        else:
            stack.extend(child for child in reversed(tag.contents) if isinstance(child, Tag))
    return found


class _Weights:
    """For every element, as the tree stands now: the weight (``_count``) of
    its text, of its text outside links, and whether it holds a heading of
    some length (a title). One pass over the tree, children before parents,
    without recursion; asking about every element then costs linear time
    where ``_count(tag.get_text())`` per element costs time quadratic in the
    depth of the page."""

    def __init__(self, root) -> None:
        from bs4 import CData, NavigableString, Tag

        self._text: dict[int, tuple[int, int]] = {}   # (Chinese characters, Latin letters and digits)
        self._plain: dict[int, tuple[int, int]] = {}
        self._titled: set[int] = set()
        order = []
        stack = [(root, root.name == "a")]
        while stack:
            tag, in_link = stack.pop()
            order.append((tag, in_link))
            stack.extend((child, in_link or child.name == "a") for child in tag.contents if isinstance(child, Tag))
        for tag, in_link in reversed(order):  # every element after all of its descendants
            cjk = latin = plain_cjk = plain_latin = 0
            titled = False
            for child in tag.contents:
                if isinstance(child, Tag):
                    c, l = self._text[id(child)]
                    pc, pl = self._plain[id(child)]
                    cjk, latin, plain_cjk, plain_latin = cjk + c, latin + l, plain_cjk + pc, plain_latin + pl
                    titled = titled or id(child) in self._titled or (child.name in _HEADINGS and c + l // 4 >= 6)
                elif isinstance(child, NavigableString):
                    c, l = _tally(str(child))
                    if type(child) in (NavigableString, CData):  # what get_text() returns
                        cjk, latin = cjk + c, latin + l
                    if not in_link:
                        plain_cjk, plain_latin = plain_cjk + c, plain_latin + l
            self._text[id(tag)] = (cjk, latin)
            self._plain[id(tag)] = (plain_cjk, plain_latin)
            if titled:
                self._titled.add(id(tag))

    def text(self, tag) -> int:
        """``_count(tag.get_text())``."""
        cjk, latin = self._text[id(tag)]
        return cjk + latin // 4

    def plain(self, tag) -> int:
        """The weight of the text outside links."""
        cjk, latin = self._plain[id(tag)]
        return cjk + latin // 4

    def holds_title(self, tag) -> bool:
        """Is there a heading (h1–h6) of at least 6 characters' weight inside?"""
        return id(tag) in self._titled


def _inside(node, ancestor) -> bool:
    return any(parent is ancestor for parent in node.parents)


class _Scores:
    """Weight of the text of every element, and of its text outside links."""

    def __init__(self, root) -> None:
        self._text: dict[int, int] = {}
        self._plain: dict[int, int] = {}
        self._fill(root, in_link=False)

    def _fill(self, tag, in_link: bool) -> tuple[int, int]:
        from bs4 import NavigableString

        total = plain = 0
        for child in tag.children:
            if isinstance(child, NavigableString):
                n = _count(str(child))
                total += n
                plain += 0 if in_link else n
            elif child.name is not None:
                t, p = self._fill(child, in_link or child.name == "a")
                total += t
                plain += p
        self._text[id(tag)] = total
        self._plain[id(tag)] = plain
        return total, plain

    def text(self, tag) -> int:
        return self._text.get(id(tag), 0)

    def plain(self, tag) -> int:
        return self._plain.get(id(tag), 0)


def _find_article(root, scores: _Scores):
    node = root
    while True:
        children = node.find_all(True, recursive=False)
        if not children:
            return node
        best = max(children, key=scores.plain)
        if scores.plain(best) < _CONTENT_SHARE * scores.plain(node) or best.name in _PARAGRAPH:
            return node
        if best.name in ("table", "tbody", "thead", "tr") and _is_data_table(best.find_parent("table") if best.name != "table" else best):
            return node
        node = best


def _rows(table) -> list:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(tr) -> list:
    return tr.find_all(["td", "th"], recursive=False)


def _is_data_table(table) -> bool:
    """A table of data (≥ 2 filled cells in a row) rather than page layout."""
    if table is None:
        return False
    rows = _rows(table)
    widest = 0
    for tr in rows:
        cells = _cells(tr)
        for cell in cells:
            if cell.find("table") is not None or _count(cell.get_text()) > _DATA_CELL_MAX:
                return False
        widest = max(widest, sum(1 for cell in cells if cell.get_text(strip=True)))
    return widest >= 2


class _Renderer:
    """Writes a subtree to the source text: blocks as lines, data tables cell by cell."""

    def __init__(self, out: SourceTextBuilder) -> None:
        self.out = out
        self._buffer: list[str] = []

    def render(self, tag) -> None:
        self._render_children(tag)
        self._flush()

    def render_node(self, tag) -> None:
        self._render_child(tag)
        self._flush()

    def _render_children(self, tag) -> None:
        for child in tag.children:
            self._render_child(child)

    def _render_child(self, child) -> None:
        from bs4 import NavigableString

        if isinstance(child, NavigableString):
            self._buffer.append(str(child))
            return
        name = child.name
        if name == "br":
            self._flush()
        elif name == "table" and _is_data_table(child):
            self._flush()
            self._render_table(child)
        elif name in _BLOCK:
            self._flush()
            self._render_children(child)
            self._flush()
        elif name == "img":
            alt = child.get("alt") or ""
            if _count(alt) >= 2 and not is_chrome_text(alt):
                self._buffer.append(alt)
        else:
            self._render_children(child)

    def _flush(self) -> None:
        if not self._buffer:
            return
        line = _collapse("".join(self._buffer))
        self._buffer = []
        if line and not is_chrome_text(line):
            self.out.add_line(line)

    def _render_table(self, table) -> None:
        """Cells on a grid as a browser lays them out: ``colspan`` up to
        1000, ``rowspan`` up to the rows the table has left; every grid
        position counts against the table cell limit as it is filled."""
        grid: list[list[tuple[object, str]]] = []
        pending: dict[int, tuple[int, str, int]] = {}  # column → (key, text, rows it still covers)
        rows = _rows(table)
        for r, tr in enumerate(rows):
            row: dict[int, tuple[int, str]] = {}
            self.out.spend_cells(len(pending))
            for c, (key, text, left) in list(pending.items()):  # carried down from above
                row[c] = (key, text)
                if left <= 1:
                    del pending[c]
                else:
                    pending[c] = (key, text, left - 1)
            col = 0
            for cell in _cells(tr):
                while col in row:
                    col += 1
                text = join_wrapped(_render_lines(cell, within=self.out))
                colspan = _span(cell.get("colspan"), _MAX_COLSPAN)
                rowspan = _span(cell.get("rowspan"), len(rows) - r)
                self.out.spend_cells(colspan)
                for c in range(col, col + colspan):
                    row[c] = (id(cell), text)
                    if rowspan > 1:
                        pending[c] = (id(cell), text, rowspan - 1)
                col += colspan
            if row:
                grid.append([row.get(c, (None, "")) for c in range(max(row) + 1)])
        self.out.add_table(grid)


def _render_article(out: SourceTextBuilder, root, container, scores: _Scores) -> None:
    """The title and metadata above the body (when close to it), then the body."""
    renderer = _Renderer(out)
    start = _find_start(root, container, scores)
    if start is not None:
        lca = _common_ancestor(start, container)
        order = {id(node): i for i, node in enumerate(lca.descendants)}
        if start.name == "table":
            renderer.render_node(start)
        elif not _repeats(_render_lines(start), _render_lines(container)[:8]):
            renderer.render_node(start)
        for tag in _between(lca, start, container, order):
            if is_chrome_text(tag.get_text()):
                continue
            if scores.plain(tag) * 2 < scores.text(tag):
                continue  # mostly links
            renderer.render_node(tag)
    renderer.render(container)


def _span(value, most: int) -> int:
    try:
        number = int(str(value).strip()[:12])
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(most, 1))


def _collapse(text: str) -> str:
    """HTML white space: a run of it is one space, and none at all where the
    source merely wrapped a line between two Chinese characters."""
    def space(match: re.Match[str]) -> str:
        s, e = match.span()
        if "\n" in match.group() or "\r" in match.group():
            before = text[s - 1] if s else ""
            after = text[e] if e < len(text) else ""
            if before and after and is_cjk(before) and is_cjk(after):
                return ""
        return " "

    return _ASCII_WS.sub(space, text).strip()


def _render_lines(tag, within: SourceTextBuilder | None = None) -> list[str]:
    """The lines a tag renders to, tables included (one cell per line); its
    table cells count against the limit of the text it is ``within``."""
    sink = SourceTextBuilder(within=within)
    _Renderer(sink).render(tag)
    return sink.text.splitlines()


def _cjk_only(text: str) -> str:
    return "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff" or ch.isalnum())


def _repeats(title_lines: list[str], first_lines: list[str]) -> bool:
    """Does the body start by repeating the title (on one line or several)?"""
    title = _cjk_only("".join(title_lines))
    if not title:
        return True
    keys = [_cjk_only(line) for line in first_lines]
    for i in range(len(keys)):
        joined = ""
        for key in keys[i:]:
            joined += key
            if joined == title:
                return True
            if len(joined) >= len(title):
                break
    return False


def _find_start(root, container, scores: _Scores):
    """Where the article begins above its body: the nearest title-like element
    (a heading, a ``*title*`` element) or metadata table before the body,
    provided little else lies between them."""
    order = {id(node): i for i, node in enumerate(root.descendants)}
    body_at = order.get(id(container))
    if body_at is None:
        return None
    best = None
    for tag in root.find_all(True):
        if order[id(tag)] >= body_at:
            break
        if _inside(container, tag) or _inside(tag, container):
            continue
        if tag.name == "table":
            if _is_metadata_table(tag):
                best = tag
            continue
        words = _attr_words(tag)
        if tag.name not in _HEADINGS and not ("title" in words and "sub" not in words):
            continue
        if best is not None and best.name == "table" and _inside(tag, best):
            continue
        text = tag.get_text(" ", strip=True)
        if _count(text) < 4 or len(text) > 200 or is_chrome_text(text) or ">" in text:
            continue
        if scores.plain(tag) * 2 < scores.text(tag):
            continue  # a link, e.g. the site name
        best = tag
    if best is None:
        return None
    lca = _common_ancestor(best, container)
    extra = scores.plain(lca) - scores.plain(container)
    if extra > max(300, 0.15 * scores.plain(container)):
        return None  # far from the article: site furniture
    return best


def _is_metadata_table(table) -> bool:
    keys = _metadata_keys()
    labels = {_cjk_only(cell.get_text()) for tr in _rows(table) for cell in _cells(tr)}
    return _is_data_table(table) and len(labels & keys) >= 2


@lru_cache(maxsize=1)
def _metadata_keys() -> frozenset[str]:
    return frozenset(read_toml("reader_html.toml")["metadata_labels"])


def _common_ancestor(a, b):
    ancestors = {id(p) for p in a.parents}
    for p in [b, *b.parents]:
        if id(p) in ancestors:
            return p
    return b


def _between(lca, start, container, order) -> list:
    """The topmost elements of ``lca`` lying wholly between ``start`` and ``container``."""
    end_at = order[id(container)]
    start_last = _last_index(start, order)
    result = []

    def visit(tag) -> None:
        for child in tag.find_all(True, recursive=False):
            first, last = order[id(child)], _last_index(child, order)
            if last <= start_last or first >= end_at:
                continue
            if first > start_last and last < end_at:
                result.append(child)
            else:
                visit(child)

    visit(lca)
    return result


def _last_index(tag, order) -> int:
    last = order[id(tag)]
    for node in tag.descendants:
        last = order[id(node)]
    return last
