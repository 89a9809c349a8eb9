"""Word task-assignment sheets (policykit.assign), read back with python-docx.

What a department opens must hold exactly its tasks (those it leads, then
those it supports) and look like an official document (GB/T 9704): A4
landscape, East Asian fonts on every style and run, a header row repeated on
every page, a ``— PAGE —`` footer.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import policykit
from policykit.model import PolicyDocument
from policykit.writers.gbt9704 import TemplateError
from policykit.writers.taskfiles import OutputExists, UnknownUnit

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "xinzhou-ip-2015.txt"
SHARED_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "承担方式"]


def document(measures: list[dict], units: list[dict], title: str | None = "关于加快推进数字乡村建设的实施意见",
             outline: list[dict] | None = None) -> PolicyDocument:
    """A small policykit/1 document: measures as {id, title, text, lead_units, co_units}."""
    full = [{"path": [str(n)], "section": None, "deadline": None, "citations": [], "targets": [],
             "span": [0, 1], "title": None, "lead_units": [], "co_units": [], **m}
            for n, m in enumerate(measures, start=1)]
    return PolicyDocument.from_dict({
        "schema": "policykit/1",
        "source": {"path": "实施意见.txt", "sha256": "0" * 64, "format": "txt", "encoding": "utf-8", "chars": 1},
        "document": {"title": title, "doc_number": "青政办发〔2025〕7号", "issuer": "青山市人民政府办公室",
                     "date": "2025-02-18", "addressees": []},
        "outline": outline or [], "measures": full, "citations": [], "targets": [], "units": units,
        "warnings": [],
    })


def table_rows(path: Path) -> list[list[str]]:
    """The rows of a sheet's table below its header, as cell texts."""
    return [[cell.text for cell in row.cells] for row in Document(path).tables[0].rows[1:]]


def sheet_of(folder: Path, unit: str) -> Path:
    return folder / f"任务分工表-{unit}.docx"


@pytest.fixture(scope="module")
def seed():
    return policykit.extract_file(SEED)


@pytest.fixture(scope="module")
def seed_sheets(seed, tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed-sheets")
    return folder, policykit.assign(seed, folder)


@pytest.fixture(scope="module")
def science_sheet(seed, seed_sheets):
    """The sheet of the unit with the most tasks, opened."""
    busiest = max(seed.units, key=lambda u: len(u.lead) + len(u.co))
    return Document(sheet_of(seed_sheets[0], busiest.name))


def expected_rows(doc: PolicyDocument, unit) -> list[tuple[str, str]]:
    """(measure id, 承担方式) for the measures ``unit`` leads, then supports, in document order."""
    order = [m.id for m in doc.measures]
    lead = [i for i in order if i in unit.lead]
    co = [i for i in order if i in unit.co and i not in unit.lead]
    return [(i, "牵头") for i in lead] + [(i, "配合") for i in co]


def assert_sheet_matches(doc: PolicyDocument, folder: Path, unit) -> None:
    measures = {m.id: m for m in doc.measures}
    rows = table_rows(sheet_of(folder, unit.name))
    expected = expected_rows(doc, unit)
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(expected) + 1)]
    assert [row[6] for row in rows] == [role for _, role in expected]
    for row, (measure_id, _) in zip(rows, expected):
        measure = measures[measure_id]
        assert row[1].endswith(measure.title or "")
        assert row[2].startswith(measure.text)
        assert row[3] == "、".join(measure.lead_units)
        assert row[4] == "、".join(measure.co_units)
        assert row[5] == (measure.deadline.text if measure.deadline else "")


# -- which files, which rows ---------------------------------------------------------


def test_every_unit_gets_a_sheet_and_the_summary_comes_after_them(seed, seed_sheets):
    folder, written = seed_sheets
    assert written == [sheet_of(folder, u.name) for u in seed.units] + [folder / "任务分工总表.docx"]
    assert sorted(os.listdir(folder)) == sorted(p.name for p in written)


def test_a_department_sheet_holds_the_tasks_it_leads_then_those_it_supports(seed, seed_sheets):
    for unit in seed.units:
        assert_sheet_matches(seed, seed_sheets[0], unit)


def test_supported_tasks_follow_led_ones(tmp_path):
    doc = document(
        [{"id": "m1", "title": "建设示范基地", "text": "建设10个示范基地。", "lead_units": ["市农业农村局"], "co_units": ["市财政局"]},
         {"id": "m2", "title": "落实资金", "text": "落实专项资金。", "lead_units": ["市财政局"]}],
        [{"name": "市农业农村局", "lead": ["m1"], "co": []}, {"name": "市财政局", "lead": ["m2"], "co": ["m1"]}])
    rows = table_rows(policykit.assign(doc, tmp_path)[1])
    assert [(r[1], r[6]) for r in rows] == [("2.落实资金", "牵头"), ("1.建设示范基地", "配合")]


def test_the_table_has_the_columns_of_a_task_assignment_sheet(science_sheet):
    assert [cell.text for cell in science_sheet.tables[0].rows[0].cells] == HEADER


def test_the_task_column_is_the_heading_number_and_title(seed, seed_sheets):
    first = seed.measures[0]
    lead = next(u for u in seed.units if first.id in u.lead)
    assert table_rows(sheet_of(seed_sheets[0], lead.name))[0][1] == "二（一）1.推进知识产权优势企业发展"


def test_targets_and_citations_of_a_task_appear_in_its_row(seed, seed_sheets):
    measure = next(m for m in seed.measures if m.targets and m.citations)
    target = next(t for t in seed.targets if t.id == measure.targets[0])
    citation = next(c for c in seed.citations if c.id == measure.citations[0])
    unit = next(u for u in seed.units if measure.id in u.lead)
    row = next(r for r in table_rows(sheet_of(seed_sheets[0], unit.name)) if r[2].startswith(measure.text))
    assert f"目标：{target.text}" in row[2].splitlines()
    assert any(line.startswith(f"依据：《{citation.title}》") for line in row[2].splitlines())


def test_title_names_the_document_and_the_department_stands_beneath(tmp_path):
    doc = document([{"id": "m1", "title": "夯实基础", "text": "推进5G网络建设。", "lead_units": ["市工业和信息化局"]}],
                   [{"name": "市工业和信息化局", "lead": ["m1"], "co": []}],
                   title="国务院办公厅关于印发《政府网站集约化试点工作方案》的通知")
    sheet = Document(policykit.assign(doc, tmp_path)[0])
    title, department, source = (p.text for p in sheet.paragraphs[:3])
    assert title == "《国务院办公厅关于印发〈政府网站集约化试点工作方案〉的通知》任务分工表"
    assert department == "市工业和信息化局"
    assert source == "来源文件：青山市人民政府办公室　青政办发〔2025〕7号　2025年2月18日"


def test_a_document_dated_only_to_the_month_is_printed_so(tmp_path):
    doc = document([{"id": "m1", "title": "夯实基础", "text": "推进5G网络建设。", "lead_units": ["市工业和信息化局"]}],
                   [{"name": "市工业和信息化局", "lead": ["m1"], "co": []}])
    doc.document.date = "2025-02"
    source = Document(policykit.assign(doc, tmp_path)[0]).paragraphs[2].text
    assert source == "来源文件：青山市人民政府办公室　青政办发〔2025〕7号　2025年2月"


def test_a_document_without_a_title_still_gets_a_sheet_title(seed, seed_sheets):
    assert seed.document.title is None
    assert Document(seed_sheets[1][0]).paragraphs[0].text == "任务分工表"


def test_the_summary_lists_every_measure_under_its_section_headings(seed, seed_sheets):
    rows = table_rows(seed_sheets[0] / "任务分工总表.docx")
    numbered = [r for r in rows if r[0].isdigit()]
    headings = [r[0] for r in rows if not r[0].isdigit()]
    assert [r[0] for r in numbered] == [str(n) for n in range(1, len(seed.measures) + 1)]
    assert [r[2].splitlines()[0] for r in numbered] == [m.text for m in seed.measures]
    assert headings[:2] == ["二、工作重点", "（一）促进知识产权创造运用，支撑我市经济转型发展"]
    assert "三、保障措施" in headings


def test_only_the_departments_asked_for_are_written(tmp_path):
    doc = document([{"id": "m1", "title": "推进专利转化", "text": "每年组织实施一批专利转化项目。", "lead_units": ["市科技局"]},
                    {"id": "m2", "title": "落实资金", "text": "落实专项资金。", "lead_units": ["市财政局"]}],
                   [{"name": "市科学技术局", "lead": ["m1"], "co": []}, {"name": "市财政局", "lead": ["m2"], "co": []}])
    written = policykit.assign(doc, tmp_path, depts=["市科技局"])  # as the text writes it
    assert [p.name for p in written] == ["任务分工表-市科学技术局.docx", "任务分工总表.docx"]


def test_a_department_the_document_does_not_name_is_an_error(seed, tmp_path):
    with pytest.raises(UnknownUnit, match="市不存在局"):
        policykit.assign(seed, tmp_path, depts=["市不存在局"])
    assert os.listdir(tmp_path) == []


def test_policykit_json_is_read_like_the_document(seed, tmp_path):
    from policykit.writers.jsonout import write_json_atomic

    source = write_json_atomic(tmp_path / "seed.json", seed.to_dict())
    written = policykit.assign(source, tmp_path / "sheets")
    assert len(written) == len(seed.units) + 1
    assert_sheet_matches(seed, tmp_path / "sheets", seed.units[0])


def test_json_that_is_not_policykit_is_a_read_error(tmp_path):
    source = tmp_path / "other.json"
    source.write_text('{"name": "x"}', encoding="utf-8")
    with pytest.raises(policykit.errors.ReadError, match="policykit/1"):
        policykit.assign(source, tmp_path / "sheets")


# -- the GB/T 9704 format --------------------------------------------------------------


def test_the_page_is_a4_landscape_with_width_and_height_swapped(science_sheet):
    section = science_sheet.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


def test_margins_are_the_gbt9704_ones_turned_with_the_page(science_sheet):
    section = science_sheet.sections[0]
    # Portrait top 37, bottom 35, left 28 (binding), right 26; the table's head lies on the binding edge.
    margins = [round(m.mm) for m in (section.top_margin, section.right_margin, section.bottom_margin,
                                     section.left_margin)]
    assert margins == [28, 37, 26, 35]


def east_asian_font(element) -> str | None:
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in doc.sections:
        yield from section.footer.paragraphs


def test_every_run_and_every_style_used_has_an_east_asian_font(science_sheet):
    paragraphs = list(all_paragraphs(science_sheet))
    runs = [run for p in paragraphs for run in p.runs]
    assert runs and all(east_asian_font(run._r) for run in runs)
    styles = {p.style.name: p.style for p in paragraphs}
    assert {"Title", "Subtitle", "Normal", "Table Heading", "Table Text", "Footer"} <= set(styles)
    assert {name: bool(east_asian_font(style.element)) for name, style in styles.items()} == \
        dict.fromkeys(styles, True)


def test_fonts_and_sizes_follow_gbt9704(science_sheet):
    styles = science_sheet.styles
    expected = {"Title": ("方正小标宋简体", 22), "Normal": ("仿宋_GB2312", 16), "Table Text": ("仿宋", 12),
                "Table Heading": ("黑体", 12), "Footer": ("宋体", 14)}
    found = {name: (east_asian_font(styles[name].element), styles[name].font.size.pt) for name in expected}
    assert found == expected
    assert styles["Title"].paragraph_format.alignment == 1  # centred


def test_the_header_row_repeats_on_every_page(science_sheet):
    rows = science_sheet.tables[0].rows
    header = rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    assert header is not None and header.get(qn("w:val")) in (None, "1", "true")
    assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for row in rows[1:])


def test_the_footer_numbers_pages_with_a_page_field_between_dashes(science_sheet):
    footer = science_sheet.sections[0].footer
    codes = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert codes == ["PAGE"]
    assert footer.paragraphs[0].text == "— 1 —"


def test_the_table_fills_the_width_between_the_margins(science_sheet):
    section = science_sheet.sections[0]
    grid = science_sheet.tables[0]._tbl.tblGrid
    width = sum(col.w for col in grid.gridCol_lst)
    assert abs(width - (section.page_width - section.left_margin - section.right_margin)) < Mm(1)


# -- files on disk -----------------------------------------------------------------------


def test_existing_sheets_are_not_overwritten_without_force(seed, seed_sheets):
    folder, written = seed_sheets
    before = {p: p.read_bytes() for p in written}
    with pytest.raises(OutputExists) as raised:
        policykit.assign(seed, folder)
    assert raised.value.path == str(written[0])
    assert "--force" in raised.value.message
    assert {p: p.read_bytes() for p in written} == before


def test_force_replaces_the_sheets_and_leaves_no_temporary_files(seed, tmp_path):
    first = policykit.assign(seed, tmp_path)
    again = policykit.assign(seed, tmp_path, force=True)
    assert again == first
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in first)


def test_hostile_unit_names_give_valid_distinct_files(tmp_path):
    names = ["市/科\\技:局", "市*科?技\"局", "<市>|科技局", "CON", "NUL", "..", "局" * 200, "市科技局\x01"]
    doc = document([{"id": "m1", "title": "一项任务", "text": "推进。", "lead_units": names}],
                   [{"name": n, "lead": ["m1"], "co": []} for n in names])
    written = policykit.assign(doc, tmp_path)
    assert len({p.name for p in written}) == len(names) + 1
    for path in written:
        assert path.parent == tmp_path and path.is_file()
        assert len(path.name.encode("utf-8")) <= 200
        assert not re.search(r'[\\/:*?"<>|\x00-\x1f]', path.name)
    assert Document(written[3]).paragraphs[1].text == "CON"


def test_characters_xml_forbids_are_dropped_from_cells(tmp_path):
    doc = document([{"id": "m1", "title": "清理\x0c文本", "text": "推进\x00网络\x1b建设。\ufffe", "lead_units": ["市工信局"]}],
                   [{"name": "市工信局", "lead": ["m1"], "co": []}])
    row = table_rows(policykit.assign(doc, tmp_path)[0])[0]
    assert row[1:3] == ["1.清理文本", "推进网络建设。"]


# -- templates -----------------------------------------------------------------------------


@pytest.fixture
def letterhead(tmp_path) -> Path:
    """An office template: portrait A4, 楷体 titles, a letterhead in the header, some sample text."""
    template = Document()
    section = template.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.header.paragraphs[0].text = "青山市人民政府办公室"
    title = template.styles["Title"]
    title.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")
    title.font.size = Pt(26)
    template.add_paragraph("模板里的示例文字", style="Normal")
    path = tmp_path / "我们的模板.docx"
    template.save(path)
    return path


def test_a_template_gives_its_styles_page_and_header(seed, tmp_path, letterhead):
    written = policykit.assign(seed, tmp_path / "sheets", template=letterhead)
    sheet = Document(written[0])
    section = sheet.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == "青山市人民政府办公室"
    assert sheet.paragraphs[0].style.name == "Title"
    assert east_asian_font(sheet.styles["Title"].element) == "楷体"
    assert sheet.styles["Title"].font.size.pt == 26
    assert "模板里的示例文字" not in [p.text for p in sheet.paragraphs]
    assert east_asian_font(sheet.styles["Table Text"].element) == "仿宋"  # missing there, added


def test_a_template_that_is_not_a_word_file_is_an_error(seed, tmp_path):
    fake = tmp_path / "模板.docx"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateError):
        policykit.assign(seed, tmp_path / "sheets", template=fake)
    assert not (tmp_path / "sheets").exists()


# -- the shared corpus -----------------------------------------------------------------


def corpus_documents() -> list:
    if not SHARED_DOCS.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no shared corpus at {SHARED_DOCS}"))]
    return sorted(SHARED_DOCS.glob("*.txt"))


@pytest.mark.parametrize("path", corpus_documents(), ids=lambda p: p.stem if p else "absent")
def test_every_corpus_document_gets_a_sheet_per_unit_and_a_summary(path, tmp_path):
    doc = policykit.extract_file(path)
    written = policykit.assign(doc, tmp_path)
    departments = [u for u in doc.units if not u.placeholder]
    assert len(written) == len(departments) + 1
    for unit in departments:
        assert_sheet_matches(doc, tmp_path, unit)
    summary = table_rows(tmp_path / "任务分工总表.docx")
    assert sum(r[0].isdigit() for r in summary) == len(doc.measures)


# -- LibreOffice ------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_a_sheet_as_landscape_a4_pages(seed, seed_sheets, tmp_path):
    busiest = max(seed.units, key=lambda u: len(u.lead) + len(u.co))
    sheet = sheet_of(seed_sheets[0], busiest.name)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(sheet)],
                   check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / sheet.with_suffix(".pdf").name).read_bytes()
    boxes = {tuple(round(float(v)) for v in box.split()) for box in
             re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+?)\s*\]", pdf)}
    assert boxes == {(0, 0, 842, 595)}
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 1
