"""The task ledger (任务台账.xlsx), read back with openpyxl."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

import policykit
from policykit.model import PolicyDocument

SEED = Path(__file__).resolve().parents[1] / "corpus" / "xinzhou-ip-2015.txt"


def document(measures: list[dict], units: list[dict]) -> PolicyDocument:
    full = [{"path": [str(n)], "section": None, "deadline": None, "citations": [], "targets": [], "span": [0, 1],
             "title": None, "lead_units": [], "co_units": [], **m} for n, m in enumerate(measures, start=1)]
    return PolicyDocument.from_dict({
        "schema": "policykit/1",
        "source": {"path": "方案.txt", "sha256": "0" * 64, "format": "txt", "encoding": "utf-8", "chars": 1},
        "document": {"title": "青山市2025年优化营商环境工作方案", "doc_number": None, "issuer": None, "date": None,
                     "addressees": []},
        "outline": [], "measures": full, "citations": [], "targets": [], "units": units, "warnings": [],
    })


def ledger_of(doc: PolicyDocument, folder: Path):
    written = policykit.assign(doc, folder, xlsx=True)
    assert written[-1].name == "任务台账.xlsx"
    return load_workbook(written[-1])


def records(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]


@pytest.fixture(scope="module")
def seed():
    return policykit.extract_file(SEED)


@pytest.fixture(scope="module")
def seed_ledger(seed, tmp_path_factory):
    return ledger_of(seed, tmp_path_factory.mktemp("ledger"))


def test_the_ledger_has_one_row_per_measure_and_unit(seed, seed_ledger):
    pairs = {(m, u.name, "牵头") for u in seed.units for m in u.lead} | \
            {(m, u.name, "配合") for u in seed.units for m in u.co if m not in u.lead}
    titles = {m.id: m.title for m in seed.measures}
    rows = records(seed_ledger["任务台账"])
    assert len(rows) == len(pairs)
    assert {(r["任务"], r["单位"], r["牵头/配合"]) for r in rows} == {(titles[m], u, role) for m, u, role in pairs}


def test_the_ledger_has_the_tracking_columns_empty(seed_ledger):
    sheet = seed_ledger["任务台账"]
    header = [c.value for c in sheet[1]]
    assert {"任务", "牵头/配合", "单位", "完成时限", "目标", "依据", "进展情况", "完成状态"} <= set(header)
    assert all(r["进展情况"] is None and r["完成状态"] is None for r in records(sheet))


def test_the_header_is_frozen_and_filtered(seed_ledger):
    sheet = seed_ledger["任务台账"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"


def test_columns_are_wide_enough_to_read(seed_ledger):
    sheet = seed_ledger["任务台账"]
    widths = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
    assert min(widths.values()) >= 6
    assert widths["具体措施"] >= 40 and widths["任务"] >= 20


def test_targets_and_citations_are_in_their_columns(seed, seed_ledger):
    measure = next(m for m in seed.measures if m.targets and m.citations)
    row = next(r for r in records(seed_ledger["任务台账"]) if r["任务"] == measure.title)
    target = next(t for t in seed.targets if t.id == measure.targets[0])
    assert target.text in row["目标"].splitlines()
    assert row["依据"].startswith("《")


def test_deadlines_with_a_date_are_dates(tmp_path):
    doc = document([{"id": "m1", "title": "优化企业开办服务", "text": "2025年底前实现企业开办“零成本”。",
                     "lead_units": ["市市场监管局"],
                     "deadline": {"text": "2025年底前", "date": "2025-12-31", "kind": "by_date", "span": [0, 1]}}],
                   [{"name": "市市场监管局", "lead": ["m1"], "co": []}])
    sheet = ledger_of(doc, tmp_path)["任务台账"]
    row = records(sheet)[0]
    assert row["完成时限"] == "2025年底前"
    assert row["截止日期"] == dt.datetime(2025, 12, 31)
    date_column = [c.value for c in sheet[1]].index("截止日期") + 1
    assert sheet.cell(2, date_column).is_date


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    doc = document([{"id": "m1", "title": "=HYPERLINK(\"http://x\")", "text": "=1+1", "lead_units": ["市财政局"]}],
                   [{"name": "市财政局", "lead": ["m1"], "co": []}])
    sheet = ledger_of(doc, tmp_path)["任务台账"]
    assert all(cell.data_type == "s" for cell in sheet[2][2:4])
    assert records(sheet)[0]["具体措施"] == "=1+1"


def test_characters_xml_forbids_are_dropped(tmp_path):
    doc = document([{"id": "m1", "title": "清理\x0c文本", "text": "推进\x00网络\x1b建设。", "lead_units": ["市工信局"]}],
                   [{"name": "市工信局", "lead": ["m1"], "co": []}])
    row = records(ledger_of(doc, tmp_path)["任务台账"])[0]
    assert (row["任务"], row["具体措施"]) == ("清理文本", "推进网络建设。")


def test_tasks_without_a_unit_are_listed_apart(tmp_path):
    doc = document([{"id": "m1", "title": "加强组织领导", "text": "建立工作机制。"},
                    {"id": "m2", "title": "落实资金", "text": "落实专项资金。", "lead_units": ["市财政局"]}],
                   [{"name": "市财政局", "lead": ["m2"], "co": []}])
    book = ledger_of(doc, tmp_path)
    assert [r["任务"] for r in records(book["任务台账"])] == ["落实资金"]
    assert [r["任务"] for r in records(book["未明确单位"])] == ["加强组织领导"]
