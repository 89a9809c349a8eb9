"""A whole document on one line (copied out of a spreadsheet cell or a
database field) gets its line breaks back before the outline reads it."""
import pytest

import policykit
from policykit.normalize import normalize


def lines_of(source):
    return normalize(source).text.split("\n")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Wrapper, items closed by notes, signature
        ("青禾市民政局关于加强居家养老服务的意见青民发〔2023〕15号各县（市、区）民政局：为提升养老服务水平，"
         "现提出如下意见：一、完善家庭养老床位。推广家庭养老床位建设，配备智能照护设备。（市民政局牵头，市卫健委配合）"
         "二、发展社区助餐服务。每个街道建成1个以上老年助餐点。（各县（市、区）政府负责，2024年底前完成）"
         "青禾市民政局2023年11月2日",
         ["青禾市民政局关于加强居家养老服务的意见", "青民发〔2023〕15号", "各县（市、区）民政局：",
          "为提升养老服务水平，现提出如下意见：",
          "一、完善家庭养老床位。推广家庭养老床位建设，配备智能照护设备。（市民政局牵头，市卫健委配合）",
          "二、发展社区助餐服务。每个街道建成1个以上老年助餐点。（各县（市、区）政府负责，2024年底前完成）",
          "青禾市民政局", "2023年11月2日"]),
        # Half-width punctuation as well (read as full-width first), no document number
        ("青禾市民政局关于加强居家养老服务的意见各县(市、区)民政局:为提升养老服务水平,现提出如下意见:"
         "一、完善家庭养老床位。推广家庭养老床位建设,配备智能照护设备。(市民政局牵头)二、发展社区助餐服务。"
         "每个街道建成1个以上老年助餐点。(各县(市、区)政府负责)青禾市民政局2023年11月2日",
         ["青禾市民政局关于加强居家养老服务的意见", "各县（市、区）民政局：", "为提升养老服务水平，现提出如下意见：",
          "一、完善家庭养老床位。推广家庭养老床位建设，配备智能照护设备。（市民政局牵头）",
          "二、发展社区助餐服务。每个街道建成1个以上老年助餐点。（各县（市、区）政府负责）",
          "青禾市民政局", "2023年11月2日"]),
        # Headings with sub-items: the first sub-item follows the heading phrase directly
        ("青禾市农村供水保障三年行动方案为保障农村饮水安全，制定本方案。一、总体要求到2025年，农村自来水普及率达到95%。"
         "二、重点任务（一）实施水源保护。划定农村饮用水水源保护区。（二）改造供水管网。更新老旧供水管网200公里。"
         "三、保障措施（一）加强组织领导。建立联席会议制度。（二）强化资金保障。统筹各级财政资金。"
         "青禾市水务局2024年3月15日（此件公开发布）",
         ["青禾市农村供水保障三年行动方案为保障农村饮水安全，制定本方案。",
          "一、总体要求到2025年，农村自来水普及率达到95%。",
          "二、重点任务", "（一）实施水源保护。划定农村饮用水水源保护区。", "（二）改造供水管网。更新老旧供水管网200公里。",
          "三、保障措施", "（一）加强组织领导。建立联席会议制度。", "（二）强化资金保障。统筹各级财政资金。",
          "青禾市水务局", "2024年3月15日", "（此件公开发布）"]),
        # A signature dated in Chinese numerals
        ("青禾市民政局关于加强居家养老服务的意见各县（市、区）民政局：现提出如下意见：一、完善家庭养老床位。"
         "推广家庭养老床位建设。（市民政局牵头）二、发展社区助餐服务。建成一批老年助餐点。（各县（市、区）政府负责）"
         "青禾市民政局二〇二三年十一月二日",
         ["青禾市民政局关于加强居家养老服务的意见", "各县（市、区）民政局：", "现提出如下意见：",
          "一、完善家庭养老床位。推广家庭养老床位建设。（市民政局牵头）",
          "二、发展社区助餐服务。建成一批老年助餐点。（各县（市、区）政府负责）",
          "青禾市民政局", "二〇二三年十一月二日"]),
        # Chapters and articles of a 办法: the first article follows its chapter heading
        ("青禾市公共租赁住房管理办法第一章总则第一条为规范公共租赁住房管理，制定本办法。"
         "第二条本办法适用于本市公共租赁住房的分配和管理。第二章分配第三条公共租赁住房实行轮候配租。",
         ["青禾市公共租赁住房管理办法", "第一章总则", "第一条为规范公共租赁住房管理，制定本办法。",
          "第二条本办法适用于本市公共租赁住房的分配和管理。", "第二章分配", "第三条公共租赁住房实行轮候配租。"]),
        # Arabic items after a colon and after full stops
        ("青禾市关于做好汛期安全工作的通知各乡镇人民政府：现就有关事项通知如下：1.建立隐患台账。"
         "各乡镇要逐村排查山洪灾害隐患点。2.落实值班制度。汛期实行24小时值班。3.加强物资储备。储备编织袋5万条。"
         "青禾市应急管理局2024年5月6日",
         ["青禾市关于做好汛期安全工作的通知", "各乡镇人民政府：", "现就有关事项通知如下：",
          "1.建立隐患台账。各乡镇要逐村排查山洪灾害隐患点。", "2.落实值班制度。汛期实行24小时值班。",
          "3.加强物资储备。储备编织袋5万条。", "青禾市应急管理局", "2024年5月6日"]),
        # Articles of a 办法
        ("青禾市公共租赁住房管理办法第一条为规范公共租赁住房管理，根据有关规定，制定本办法。"
         "第二条本办法适用于本市行政区域内公共租赁住房的分配和管理。第三条市住房保障部门负责本办法的组织实施。"
         "第四条本办法自2024年1月1日起施行。",
         ["青禾市公共租赁住房管理办法", "第一条为规范公共租赁住房管理，根据有关规定，制定本办法。",
          "第二条本办法适用于本市行政区域内公共租赁住房的分配和管理。", "第三条市住房保障部门负责本办法的组织实施。",
          "第四条本办法自2024年1月1日起施行。"]),
    ],
)
def test_a_document_on_one_line_gets_its_line_breaks_back(source, expected):
    assert lines_of(source) == expected


@pytest.mark.parametrize(
    ("inline", "why"),
    [
        ("实行“三统一、两公开”管理，", "a numeral inside a word is no marker"),
        ("第一、二批试点城市要总结经验，", "a list of ordinals is no marker"),
        ("全市增长2.5个百分点，", "a decimal number is no marker"),
        ("按照2023年5月8日印发的《实施细则》执行，", "a date inside a sentence is no signature"),
        ("按照市政府2023年5月8日印发的文件执行。", "an organ and a date inside a sentence are no signature"),
        ("。5、严格执法检查。", "a number that does not continue its sequence is no marker"),
    ],
)
def test_markers_inside_sentences_stay_inline(inline, why):
    source = ("青禾市关于推进垃圾分类工作的通知各区人民政府：现就有关事项通知如下：一、健全分类体系。"
              f"推进生活垃圾分类全覆盖，{inline}确保分类投放准确率达到90%以上。二、强化宣传引导。开展进社区宣传活动。")
    lines = lines_of(source)
    assert any(inline.strip("。") in line for line in lines), why
    assert [line[:2] for line in lines if line[:2] in ("一、", "二、")] == ["一、", "二、"]


def test_a_notice_that_wraps_a_plan_is_broken_at_its_signature():
    source = ("青禾市人民政府办公室关于印发青禾市夜间经济发展方案的通知青政办发〔2024〕3号各区人民政府，市政府各部门："
              "现将《青禾市夜间经济发展方案》印发给你们，请认真贯彻执行。青禾市人民政府办公室2024年2月1日（此件公开发布）"
              "青禾市夜间经济发展方案为繁荣夜间消费，制定本方案。一、打造夜间消费街区。建设3条特色夜市街区。"
              "（市商务局牵头）二、延长文化场馆开放时间。（市文旅局负责）")
    lines = lines_of(source)
    i = lines.index("青禾市人民政府办公室")
    assert lines[i + 1:i + 3] == ["2024年2月1日", "（此件公开发布）"]
    assert lines[i + 3].startswith("青禾市夜间经济发展方案")
    assert lines[-2:] == ["一、打造夜间消费街区。建设3条特色夜市街区。（市商务局牵头）", "二、延长文化场馆开放时间。（市文旅局负责）"]


def test_the_repair_is_reported_with_a_repair_code():
    source = ("青禾市关于推进垃圾分类工作的通知各区人民政府：现就有关事项通知如下：一、健全分类体系。推进生活垃圾分类全覆盖。"
              "二、强化宣传引导。开展进社区宣传活动，提高居民参与率。三、加强考核。纳入年度考核。")
    (warning,) = [w for w in normalize(source).warnings if w.code == "repaired_line_breaks"]
    assert "line breaks" in warning.message


def test_a_document_with_its_line_breaks_is_left_alone():
    source = ("青禾市关于推进垃圾分类工作的通知\n各区人民政府：\n现就有关事项通知如下：\n"
              "一、健全分类体系。推进生活垃圾分类全覆盖。二、强化宣传引导。\n"
              "三、加强考核。纳入年度考核。\n青禾市城管局\n2024年5月6日\n")
    norm = normalize(source)
    assert norm.text == source.rstrip("\n")
    assert [w.code for w in norm.warnings] == []


def test_spans_after_restored_breaks_still_point_into_the_source():
    source = ("青禾市关于推进垃圾分类工作的通知各区人民政府：现就有关事项通知如下：一、健全分类体系。推进生活垃圾分类全覆盖。"
              "（市城管局牵头，市商务局配合）二、强化宣传引导。开展进社区宣传活动，提高居民参与率。（市委宣传部负责）"
              "青禾市城管局2024年5月6日")
    norm = normalize(source)
    for piece in ("二、强化宣传引导。", "（市委宣传部负责）", "青禾市城管局", "2024年5月6日"):
        start = norm.text.index(piece)
        assert norm.source_slice(start, start + len(piece)) == piece
    # an inserted line break maps to the character it stands before
    newline = norm.text.index("\n二、")
    assert norm.to_source(newline, newline + 1)[0] == source.index("二、")


def test_a_document_on_one_line_gives_its_measures_units_and_date():
    source = ("青禾市关于推进垃圾分类工作的通知青城发〔2024〕8号各区人民政府：现就有关事项通知如下："
              "一、健全分类体系。推进生活垃圾分类全覆盖。（市城管局牵头，市商务局配合，2024年底前完成）"
              "二、强化宣传引导。开展进社区宣传活动，提高居民参与率。（市委宣传部负责）青禾市城管局2024年5月6日")
    doc = policykit.extract_text(source).to_dict()
    got = [(m["title"], m["lead_units"], m["co_units"]) for m in doc["measures"]]
    assert got == [("健全分类体系", ["市城管局"], ["市商务局"]), ("强化宣传引导", ["市委宣传部"], [])]
    assert doc["measures"][0]["deadline"]["text"] == "2024年底前"
    assert (doc["document"]["doc_number"], doc["document"]["issuer"], doc["document"]["date"]) == (
        "青城发〔2024〕8号", "青禾市城管局", "2024-05-06")
    for m, marker in zip(doc["measures"], ("一、", "二、")):
        start, end = m["span"]
        assert source[start:end].startswith(marker + m["title"])


def test_a_document_on_one_line_whose_headings_ran_into_their_bodies():
    source = ("青禾市关于发展社区养老服务的通知青民发〔2024〕3号各区民政局：现就有关事项通知如下："
              "一、建设社区食堂推动各街道利用闲置用房开设老年食堂，完善配餐服务。（区民政局牵头，区市场监管局配合）"
              "二、扩大助浴服务覆盖支持养老机构上门提供助浴服务。（区民政局负责，长期坚持）"
              "三、优化适老出行环境增设公交站台休息座椅，改造无障碍坡道。（区交通局牵头，2024年底前完成）"
              "青禾市民政局2024年3月8日")
    doc = policykit.extract_text(source).to_dict()
    got = [(m["title"], m["lead_units"], m["co_units"]) for m in doc["measures"]]
    assert got == [("建设社区食堂", ["区民政局"], ["区市场监管局"]), ("扩大助浴服务覆盖", ["区民政局"], []),
                   ("优化适老出行环境", ["区交通局"], [])]
    assert [m["text"][:4] for m in doc["measures"]] == ["推动各街", "支持养老", "增设公交"]
    assert doc["document"]["date"] == "2024-03-08"
