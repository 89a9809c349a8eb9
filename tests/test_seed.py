"""The seed document end to end: 忻州市人民政府办公厅, 知识产权战略实施意见 (2015), as scraped."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import policykit
from policykit.pipeline import extract_text, source_text
from policykit.schema import validate
from jsontree import spans

SEED = Path(__file__).resolve().parents[1] / "corpus" / "xinzhou-ip-2015.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return source_text(SEED)


@pytest.fixture(scope="module")
def doc() -> dict:
    return policykit.extract_file(SEED).to_dict()


def measure(doc, *path):
    (found,) = [m for m in doc["measures"] if m["path"] == list(path)]
    return found




# ---------------------------------------------------------------- measures


def test_the_seed_has_twenty_measures(doc):
    assert len(doc["measures"]) == 20


@pytest.mark.parametrize(
    ("path", "title", "lead"),
    [
        (["二", "一", "1"], "推进知识产权优势企业发展", ["市发改委", "市经信委", "市科技局"]),
        (["二", "一", "2"], "培育知识产权创新创业主体", ["市经信委", "市科技局", "市中小企业服务中心"]),
        (["二", "一", "3"], "促进专利技术向现实生产力转化", ["市科技局", "市中小企业服务中心"]),
        (["二", "一", "4"], "着力打造知名品牌", ["市工商局"]),
        (["二", "一", "5"], "推动版权产业发展", ["市文化局"]),
        (["二", "一", "6"], "服务现代农业发展", ["市农委"]),
        (
            ["二", "一", "7"],
            "建立和完善知识产权创造运用激励机制",
            ["市科技局", "市国税局", "市地税局", "市教育局", "市科协", "市中小企业服务中心"],
        ),
        (["二", "二", "1"], "完善知识产权保护机制", ["市双打办", "市工商局", "市科技局", "市文化局", "市财政局", "市公安局"]),
        (["二", "二", "2"], "加大重点领域知识产权执法力度", ["市科技局", "市工商局", "市文化局", "市公安局", "市双打办"]),
        (["二", "二", "3"], "推进知识产权执法活动信息公开", ["市双打办", "市工商局", "市科技局", "市文化局", "市公安局"]),
        (["二", "二", "4"], "推进软件正版化工作", ["市文化局"]),
        (["二", "三", "1"], "强化科技创新知识产权管理", ["市科技局", "市工商局", "市文化局"]),
        (["二", "三", "2"], "引导企业加强知识产权管理", ["市科技局", "市工商局", "市文化局"]),
        (["二", "三", "3"], "健全知识产权信息管理服务体系", ["市科技局", "市工商局", "市文化局"]),
        (["二", "三", "4"], "完善知识产权人才体系建设", ["市委人才办", "市科技局"]),
        (["二", "三", "5"], "培育知识产权服务业", ["市科技局"]),
        # 保障措施: a label closing the paragraph, and notes that lost their closing bracket
        (["三", "一"], "加强组织领导", ["市科技局"]),
        (["三", "二"], "强化政策导向", ["市科技局"]),
        (["三", "三"], "加强财政支持", ["市财政局"]),
        (["三", "四"], "营造社会氛围", ["市委宣传部"]),
    ],
)
def test_measure_table(doc, path, title, lead):
    found = measure(doc, *path)
    assert (found["title"], found["lead_units"], found["co_units"]) == (title, lead, [])


def test_measures_follow_document_order_with_stable_ids(doc):
    assert [m["id"] for m in doc["measures"]] == [f"m{i}" for i in range(1, 21)]
    assert [m["span"] for m in doc["measures"]] == sorted(m["span"] for m in doc["measures"])


def test_goal_items_are_no_measures(doc):
    assert not [m for m in doc["measures"] if m["path"][0] == "一"]


def test_a_measure_text_is_its_body_without_title_and_note(doc):
    found = measure(doc, "二", "一", "1")
    assert found["text"].startswith("围绕我市煤炭、电力")
    assert found["text"].endswith("产学研相结合的知识产权创造体系。")
    assert "牵头单位" not in found["text"]


def test_a_measure_span_starts_at_the_item_number_as_written(doc, text):
    s, e = measure(doc, "二", "一", "1")["span"]
    assert text[s:e].startswith("1推进知识产权优势企业发展围绕")


def test_a_measure_lists_the_citations_and_targets_inside_it(doc):
    found = measure(doc, "二", "一", "1")
    cited = [c for c in doc["citations"] if c["id"] in found["citations"]]
    assert [(c["doc_number"], c["measure"]) for c in cited] == [("晋科函〔2012〕52号", "m1")]
    assert all(t["measure"] == "m1" for t in doc["targets"] if t["id"] in found["targets"])


def test_no_measure_of_the_seed_has_a_deadline(doc):
    assert all(m["deadline"] is None for m in doc["measures"])


# ---------------------------------------------------------------- units


def test_units_list_each_unit_once_with_the_measures_it_leads(doc):
    names = [u["name"] for u in doc["units"]]
    assert len(names) == len(set(names))
    by_name = {u["name"]: u for u in doc["units"]}
    # listed under the name the document uses, even though the built-in aliases know its full name
    assert by_name["市发改委"] == {"name": "市发改委", "lead": ["m1"], "co": [], "written": ["市发改委"],
                                "placeholder": False}
    assert by_name["市委宣传部"] == {"name": "市委宣传部", "lead": ["m20"], "co": [], "written": ["市委宣传部"],
                                 "placeholder": False}


def test_every_lead_unit_of_a_measure_is_in_the_units_index(doc):
    index = {(u["name"], m) for u in doc["units"] for m in u["lead"]}
    assert index == {(name, m["id"]) for m in doc["measures"] for name in m["lead_units"]}


def test_the_last_measure_ends_before_the_signature(doc):
    assert "忻州市人民政府办公厅" not in doc["measures"][-1]["text"]


# ---------------------------------------------------------------- document


def test_document_metadata(doc):
    assert doc["document"] == {
        "title": None,
        "doc_number": None,
        "issuer": "忻州市人民政府办公厅",
        "date": "2015-07-30",
        "addressees": ["各县（市、区）人民政府", "市人民政府各委、局、办"],
        "plan_title": None,
    }


def test_the_damaged_date_is_reported_with_its_span_in_the_source(doc, text):
    (warning,) = [w for w in doc["warnings"] if w["code"] == "repaired_date"]
    s, e = warning["span"]
    assert text[s:e] == "2015730"


def test_the_lost_heading_stop_is_reported_with_its_span_in_the_source(doc, text):
    (warning,) = [w for w in doc["warnings"] if w["code"] == "repaired_heading_stop"]
    s, e = warning["span"]
    assert text[s:e] == "推进知识产权优势企业发展"


def test_the_page_chrome_at_the_end_is_reported(doc, text):
    (warning,) = [w for w in doc["warnings"] if w["code"] == "removed_page_chrome"]
    s, e = warning["span"]
    assert text[s:e] == "扫一扫在手机打开当前页面"


def test_the_source_block_describes_the_text(doc, text):
    assert doc["source"] == {
        "path": str(SEED),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "format": "txt",
        "encoding": "utf-8",
        "chars": len(text),
    }


def test_the_outline_has_the_three_top_sections(doc):
    assert [(s["id"], s["marker"], s["title"]) for s in doc["outline"]] == [
        ("s1", "一、", "总体要求"),
        ("s2", "二、", "工作重点"),
        ("s3", "三、", "保障措施"),
    ]


def test_outline_spans_start_at_the_marker_as_written(doc, text):
    (_, _, guide) = doc["outline"]
    s, e = guide["children"][0]["span"]
    assert text[s:e].lstrip().startswith("(一)加强组织领导")


# ---------------------------------------------------------------- citations


@pytest.mark.parametrize(
    ("title", "doc_number"),
    [
        ("山西省人民政府办公厅关于印发山西省知识产权战略实施行动计划（2015年—2020年）的通知", "晋政办发〔2015〕19号"),
        ("山西省知识产权优势企业培育工程实施方案（试行）", "晋科函〔2012〕52号"),
        ("关于开展全民创业加快民营经济发展的意见", "忻政发〔2015〕2号"),
        ("山西省著名商标认定和保护办法", "晋工商商标字〔2001〕55号"),
        ("驰名商标认定和保护规定", "国家工商行政管理总局令第66号"),
        ("企业知识产权管理规范", "GB/T 29490-2013"),
        ("国家知识产权战略纲要", "国发〔2008〕18号"),
    ],
)
def test_citation_table(doc, title, doc_number):
    assert (title, doc_number) in [(c["title"], c["doc_number"]) for c in doc["citations"]]


@pytest.mark.parametrize(
    "damaged",
    ["晋政办发201519号", "晋科函〔201252", "忻政发〔20152", "晋政发〔201430", "国知办发管字〔201425号",
     "晋工商商标字200155号", "国发〔20146号", "国办发〔201388号", "国发〔200818号"],
)
def test_a_damaged_doc_number_is_reported_at_its_citation(doc, damaged):
    (cited,) = [c for c in doc["citations"] if f"({damaged}" in c["text"]]
    repaired = [w["span"] for w in doc["warnings"] if w["code"] == "repaired_doc_number"]
    assert cited["span"] in repaired


# ---------------------------------------------------------------- spans


def test_every_span_lies_inside_the_source_text(doc, text):
    found = list(spans(doc))
    assert found
    assert all(0 <= s <= e <= len(text) for s, e in found)


def test_each_citation_text_is_its_span_of_the_source(doc, text):
    assert doc["citations"]
    assert [text[s:e] for s, e in (c["span"] for c in doc["citations"])] == [c["text"] for c in doc["citations"]]


def test_each_target_text_is_its_span_of_the_source(doc, text):
    assert doc["targets"]
    assert [text[s:e] for s, e in (t["span"] for t in doc["targets"])] == [t["text"] for t in doc["targets"]]


def test_citation_text_keeps_the_damage_of_the_source(doc):
    (cited,) = [c for c in doc["citations"] if c["doc_number"] == "晋科函〔2012〕52号"]
    assert cited["text"] == "《山西省知识产权优势企业培育工程实施方案(试行)》(晋科函〔201252)"


# ---------------------------------------------------------------- contract


def test_the_output_meets_the_json_schema(doc):
    assert validate(doc) == []


def test_extract_text_on_the_file_text_gives_what_extract_file_gives(doc, text):
    from_text = extract_text(text, str(SEED)).to_dict()
    assert {k: v for k, v in from_text.items() if k != "source"} == {k: v for k, v in doc.items() if k != "source"}


_DUMP = (
    "import sys, policykit\n"
    "from policykit.writers.jsonout import dumps\n"
    "sys.stdout.buffer.write(dumps(policykit.extract_file(sys.argv[1])).encode('utf-8'))\n"
)


def test_two_runs_give_identical_json_bytes():
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _DUMP, str(SEED)], capture_output=True, env=env, check=True,
                             timeout=120)
        outputs.append(run.stdout)
    assert outputs[0] and outputs[0] == outputs[1]
