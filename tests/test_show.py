"""The review page (`policykit show`): the source text with every extracted
item highlighted where its span says, a side table of measures, the warnings
and a legend, in one HTML file that needs nothing from outside."""
from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import policykit
from policykit.cli import cli
from policykit.pipeline import source_text
from policykit.writers.review import CITATION, KINDS, MEASURE, TARGET, Highlight, marked_text, review_page

SHARED_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docs"
CORPUS_DOCS = sorted(SHARED_DOCS.glob("*.txt"))
SEED = Path(__file__).resolve().parents[1] / "corpus" / "xinzhou-ip-2015.txt"

SAMPLE = """\
关于推进数字乡村建设的实施意见

一、主要任务

1.加快农村宽带建设。按照《山西省数字乡村发展行动计划》（晋政办发201519号）要求，推进5G网络向乡镇延伸，2025年底前实现乡镇全覆盖，全市行政村5G网络通达率达到90%以上。（牵头单位：市工业和信息化局；配合单位：市财政局）

2.普及网络安全知识。在门户网站用<script>alert("x")</script>这样的例子讲解脚本注入&防护。（牵头单位：市科技局）
"""


class Page(HTMLParser):
    """What a browser would see: the text of #source, and the text inside each
    highlight, by (kind, ref) — fragments of one highlight joined."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.in_source = False
        self.source = ""
        self.marked: dict[tuple[str, str], str] = defaultdict(str)
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "pre" and attrs.get("id") == "source":
            self.in_source = True
        if tag == "span" and self.in_source:
            self.stack.append(attrs)

    def handle_endtag(self, tag):
        if tag == "pre":
            self.in_source = False
        if tag == "span" and self.in_source:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_source:
            self.source += data
            for attrs in self.stack:
                kind = attrs["class"].split()[1]
                self.marked[(kind, attrs["data-ref"])] += data


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("show") / "实施意见.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    doc = policykit.extract_file(path).to_dict()
    html = review_page(doc, source_text(path))
    return path, doc, html, Page(html)


def test_the_page_shows_the_source_text_exactly(sample):
    path, _, _, page = sample
    assert page.source == source_text(path)


def test_html_in_the_document_is_shown_as_text(sample):
    _, _, html, page = sample
    assert "&lt;script&gt;alert" in html
    assert sum(tag == "script" for tag, _ in page.tags) == 1  # the page's own script only
    assert '<script>alert("x")</script>' in page.source


def test_every_measure_is_highlighted_over_its_span(sample):
    path, doc, _, page = sample
    text = source_text(path)
    for m in doc["measures"]:
        assert m["id"] in page.ids
        assert page.marked[("measure", m["id"])] == text[m["span"][0]:m["span"][1]]


def test_citations_targets_and_deadlines_are_highlighted_over_their_spans(sample):
    path, doc, _, page = sample
    text = source_text(path)
    citation, target = doc["citations"][0], doc["targets"][0]
    assert page.marked[("citation", citation["id"])] == text[slice(*citation["span"])]
    assert page.marked[("target", target["id"])] == text[slice(*target["span"])]
    assert page.marked[("deadline", "m1")] == "2025年底前"


def test_units_are_marked_where_the_measure_names_them(sample):
    _, _, _, page = sample
    assert page.marked[("lead", "m1")] == "市工业和信息化局"
    assert page.marked[("co", "m1")] == "市财政局"
    assert page.marked[("lead", "m2")] == "市科技局"


def test_warnings_are_underlined_in_place_and_listed_with_a_link(sample):
    _, doc, html, page = sample
    repaired = doc["warnings"].index(next(w for w in doc["warnings"] if w["code"] == "repaired_doc_number"))
    ref = f"w{repaired + 1}"
    assert page.marked[("warning", ref)] == "《山西省数字乡村发展行动计划》（晋政办发201519号）"
    assert f'<a href="#{ref}">文号格式不完整（如缺〔〕），已修复</a>' in html


def test_the_side_table_has_a_row_per_measure_that_leads_to_its_text(sample):
    _, doc, _, page = sample
    rows = [attrs["data-goto"] for tag, attrs in page.tags if tag == "tr" and "data-goto" in attrs]
    assert rows == [m["id"] for m in doc["measures"]]
    links = {attrs["href"] for tag, attrs in page.tags if tag == "a"}
    assert {f"#{m['id']}" for m in doc["measures"]} <= links


def test_the_side_table_shows_units_and_deadline(sample):
    _, _, html, _ = sample
    row = re.search(r'<tr data-goto="m1".*?</tr>', html).group(0)
    assert "市工业和信息化局" in row and "市财政局" in row and "2025年底前" in row


def test_the_legend_names_every_kind_in_chinese(sample):
    _, _, html, _ = sample
    legend = re.search(r'<ul class="legend">.*?</ul>', html).group(0)
    for kind in KINDS:
        assert f"{kind.zh} <b>" in legend


def test_every_label_of_the_side_panel_is_chinese(sample):
    _, _, html, _ = sample
    side = re.sub(r"<[^>]*>", " ", html.split("<aside>")[1].split("</aside>")[0])
    english = re.findall(r"\b(?:lead|co|measure|measures|deadline|warning|warnings|citation|citations|target|"
                         r"targets|units?|legend|source|number|issuer|date|characters|at_least|at_most|about|"
                         r"exactly|increase_by)\b", side, re.I)
    assert english == []


def test_targets_and_citations_are_shown_in_their_measures_row(sample):
    _, _, html, _ = sample
    row = re.search(r'<tr data-goto="m1".*?</tr>', html).group(0)
    assert "目标：全市行政村5G网络通达率达到90%以上" in row and "不低于 90%" in row
    assert "依据：《山西省数字乡村发展行动计划》晋政办发〔2015〕19号" in row


def test_the_units_panel_lists_each_department_with_its_counts(sample):
    _, doc, html, _ = sample
    panel = re.search(r'<table class="units">.*?</table>', html).group(0)
    rows = re.findall(r'<tr data-unit="([^"]+)"[^>]*><td>.*?</td><td class="written">(.*?)</td>'
                      r'<td class="count">(\d+)</td><td class="count">(\d+)</td>', panel)
    assert [(name, int(lead), int(co)) for name, _, lead, co in rows] == [
        ("市工业和信息化局", 1, 0), ("市财政局", 0, 1), ("市科技局", 1, 0)]


def test_the_units_panel_shows_forms_and_placeholders():
    data = policykit.extract_text("一、重点任务\n1.推进甲。（牵头单位：市财政局）\n").to_dict()
    data["units"] = [
        {"name": "省地方金融监管局", "lead": ["m1"], "co": [], "written": ["地方金融监管局", "省地方金融监管局"],
         "placeholder": False},
        {"name": "各县（市、区）人民政府", "lead": ["m1"], "co": ["m1"],
         "written": ["各县（市、区）", "各县（市、区）人民政府"], "placeholder": False},
        {"name": "市政府各部门", "lead": [], "co": ["m1"], "written": ["市政府各部门"], "placeholder": True},
    ]
    html = review_page(data, "")
    rows = {name: (cell, written, int(lead), int(co)) for name, cell, written, lead, co in re.findall(
        r'<tr data-unit="([^"]+)"[^>]*><td>(.*?)</td><td class="written">(.*?)</td>'
        r'<td class="count">(\d+)</td><td class="count">(\d+)</td>', html)}
    assert "泛指，不单独成表" in rows["市政府各部门"][0]
    assert rows["省地方金融监管局"][1] == "地方金融监管局"
    assert rows["各县（市、区）人民政府"][1:] == ("各县（市、区）", 1, 0)   # a task it leads is not counted as co
    assert "单位（2）" in html   # placeholder groups are not counted as departments


def test_names_that_may_be_one_department_are_marked():
    data = policykit.extract_text("一、重点任务\n1.推进甲。（牵头单位：市财政局）\n").to_dict()
    data["units"] = [{"name": n, "lead": ["m1"], "co": [], "written": [n], "placeholder": False}
                     for n in ("省地方金融监管局", "地方金融监管局", "市财政局", "财政局", "各县（市、区）",
                               "各县（市、区）人民政府", "市科技局")]
    html = review_page(data, "")
    rows = dict(re.findall(r'<tr data-unit="([^"]+)"[^>]*><td>(.*?)</td>', html))
    assert "可能与“地方金融监管局”为同一单位" in rows["省地方金融监管局"]
    assert "可能与“市财政局”为同一单位" in rows["财政局"]
    assert "可能与“各县（市、区）人民政府”为同一单位" in rows["各县（市、区）"]
    assert "可能与" not in rows["市科技局"]


def test_warnings_without_chinese_words_show_their_own_message():
    data = policykit.extract_text("一、重点任务\n1.推进甲。（牵头单位：市财政局）\n").to_dict()
    data["warnings"] = [{"code": "flag_new_kind", "message": "请核对责任单位", "span": None}]
    html = review_page(data, "")
    assert '<li data-code="flag_new_kind" title="flag_new_kind：请核对责任单位"><b>请核对责任单位</b></li>' in html


def test_the_page_asks_nothing_from_the_network(sample):
    _, _, html, page = sample
    assert not re.search(r"https?:|//[a-z]", html, re.I)
    assert all(not attrs.get("src") for _, attrs in page.tags)
    assert all(attrs["href"].startswith("#") for tag, attrs in page.tags if "href" in attrs)
    assert "default-src 'none'" in html  # and the browser is told to refuse any request


def test_crossing_highlights_are_split_so_the_html_stays_nested():
    text = "甲乙丙丁戊"
    crossing = [Highlight(0, 3, MEASURE, "m1", "", anchor=True), Highlight(2, 5, CITATION, "c1", "", anchor=True),
                Highlight(1, 4, TARGET, "t1", "", anchor=True)]
    html = marked_text(text, crossing)
    page = Page(f'<pre id="source">{html}</pre>')
    assert page.source == text
    assert page.marked[("measure", "m1")] == "甲乙丙"
    assert page.marked[("citation", "c1")] == "丙丁戊"
    assert page.marked[("target", "t1")] == "乙丙丁"
    assert html.count("<span") == html.count("</span>")
    assert html.count('id="c1"') == 1  # only the first fragment carries the id


#: 40,000 measures, each with a lead unit and a deadline inside it: 120,000
#: highlights. Scanning every highlight at each of their 200,000 boundaries
#: (as the page once did: 4,000 measures took 180 s) would take an hour.
MANY_HIGHLIGHTS = """
import sys
from policykit.writers.review import DEADLINE, LEAD, MEASURE, Highlight, marked_text
line = "1.加快农村宽带建设，2025年底前完成。（牵头单位：市科技局）"
count = 40_000
text = line * count
marks = []
for n in range(count):
    at = n * len(line)
    marks += [Highlight(at, at + len(line), MEASURE, f"m{n}", "", anchor=True),
              Highlight(at + 11, at + 18, DEADLINE, f"m{n}", ""), Highlight(at + 26, at + 30, LEAD, f"m{n}", "")]
html = marked_text(text, marks)
print(html.count("<span"), html.count("</span>"))
"""


def test_a_page_of_tens_of_thousands_of_highlights_is_written_in_one_sweep():
    """Untimed: a generous guard that a scan per boundary would far exceed."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", MANY_HIGHLIGHTS], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["120000", "120000"]   # every highlight once, none split, all closed

def test_show_writes_the_page_to_a_file(tmp_path, sample):
    path = sample[0]
    out = tmp_path / "review.html"
    result = CliRunner().invoke(cli, ["show", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_show_without_output_prints_the_page(sample):
    result = CliRunner().invoke(cli, ["show", str(sample[0])])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "加快农村宽带建设" in result.stdout


def test_show_of_a_missing_file_is_a_one_line_error():
    result = CliRunner().invoke(cli, ["show", "missing.txt"])
    assert result.exit_code == 1
    assert result.stderr.startswith("policykit: error: missing.txt: ")
    assert result.stderr.count("\n") == 1


def test_show_help_ends_with_an_example():
    result = CliRunner().invoke(cli, ["show", "--help"])
    assert "Example:" in result.output and "policykit show " in result.output.split("Example:")[1]


@pytest.mark.parametrize("path", [SEED, *CORPUS_DOCS], ids=lambda p: p.stem)
def test_every_corpus_document_gets_a_page_with_all_its_measures(path):
    if not path.exists():
        pytest.skip(f"{path} not present")
    text = source_text(path)
    doc = policykit.extract_file(path).to_dict()
    page = Page(review_page(doc, text))
    assert page.source == text
    for m in doc["measures"]:
        assert page.marked[("measure", m["id"])] == text[m["span"][0]:m["span"][1]]


def test_the_shared_corpus_is_there_to_be_shown():
    if not CORPUS_DOCS:
        pytest.skip(f"shared corpus not present ({SHARED_DOCS})")
    assert len(CORPUS_DOCS) > 10


def test_every_warning_policykit_writes_is_shown_in_chinese():
    """Each code a ``Warning("code", "message")`` in policykit's source gives is named
    in review.toml, or its message is Chinese already (the page then shows it)."""
    import tomllib

    root = Path(policykit.__file__).parent
    found = {(code, message) for path in root.rglob("*.py") for code, message in
             re.findall(r"Warning\(\s*\"([a-z_]+)\",\s*f?\"([^\"]*)", path.read_text(encoding="utf-8"))}
    words = tomllib.loads((root / "data" / "review.toml").read_text(encoding="utf-8"))["warnings"]
    english = sorted(code for code, message in found
                     if code not in words and not re.search(r"[\u4e00-\u9fff]", message))
    assert found and english == []
