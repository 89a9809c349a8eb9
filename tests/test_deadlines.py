"""The deadline of one measure: its text plus the assignment note after it."""
import pytest

from policykit.extract.deadlines import find_deadline, plan_year, read_deadline_value
from policykit.normalize import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A label in the assignment note wins over dates in the prose
        (
            "做好重点领域政策信息的发布解读。（市商务局负责落实，完成时限：2024年10月）",
            ("2024年10月", "2024-10-31", "by_date"),
        ),
        (
            "2023年底前完成清单编制，动态更新权责清单。（市委编办负责落实，完成时限：2024年12月）",
            ("2024年12月", "2024-12-31", "by_date"),
        ),
        ("健全政策清理机制。（市司法局牵头，完成时间：2024年6月底前）", ("2024年6月底前", "2024-06-30", "by_date")),
        ("建立工作台账。\n牵头单位：市林业局\n完成时限：2025年12月31日", ("2025年12月31日", "2025-12-31", "by_date")),
        ("强化队伍培训。（各区政府负责落实，完成时限：长期坚持）", ("长期坚持", None, "ongoing")),
        ("开展第三方评估。（市政务服务局负责，完成时限：每年）", ("每年", None, "annual")),
        ("开展督查。（市政府办公厅负责，完成时限：根据国家部署）", ("根据国家部署", None, "other")),
        # A date or a standing phrase in the assignment note
        ("推进老旧小区改造。（市住房城乡建设委负责，2020年底前完成）", ("2020年底前", "2020-12-31", "by_date")),
        ("建成市级数据平台。（市经信局牵头，2021年6月底前）", ("2021年6月底前", "2021-06-30", "by_date")),
        ("完善考核办法。（市发展改革委负责，2022年上半年）", ("2022年上半年", "2022-06-30", "by_date")),
        ("出台配套细则。（市财政局负责，2023年第三季度）", ("2023年第三季度", "2023-09-30", "by_date")),
        ("加强执法检查。（市市场监管局牵头，各区政府配合，长期坚持）", ("长期坚持", None, "ongoing")),
        ("深化放管服改革。（市政务服务局负责，持续推进）", ("持续推进", None, "ongoing")),
        ("发布年度报告。（市统计局负责，每年）", ("每年", None, "annual")),
        ("组织应急演练。（市应急局负责，年底前完成）", ("年底前", None, "by_date")),
        # A date in the prose that says "by"
        ("2023年6月底前完成存量排查，建立问题清单。", ("2023年6月底前", "2023-06-30", "by_date")),
        ("试点地区要于2019年12月底前，对试点情况进行总结。", ("2019年12月底前", "2019-12-31", "by_date")),
        ("（一）2021年9月底之前，市生态环境局牵头组建工作专班。", ("2021年9月底之前", "2021-09-30", "by_date")),
        ("加快淘汰老旧车辆，2025年年底前基本淘汰国三排放标准车辆。", ("2025年年底前", "2025-12-31", "by_date")),
        ("各单位于2012年4月28日前报送登记表。", ("2012年4月28日前", "2012-04-28", "by_date")),
        # Target years, verbs and titles are no deadline
        ("到2025年，全市新能源汽车保有量达到10万辆。", None),
        ("到2025年底，建设一批绿色改造示范项目。", None),
        ("争取2025年前，实现高风险领域责任保险全覆盖。", None),
        ("推动示范企业2021年底前打造零碳工厂。", None),
        ("持续推进“放管服”改革，每年选取一批企业重点培育。", None),
        ("完整贯彻《2030年前碳达峰行动方案》，推动节能降碳。", None),
        ("提供办理进度、办理完成时限等在线查询服务。", None),
        ("加强宣传引导。（市委宣传部负责）", None),
        ("彻底整治违规行为。（市城管委负责，纳入年度考核）", None),
        ("", None),
    ],
)
def test_find_deadline(text, expected):
    found = find_deadline(text)
    if expected is None:
        assert found is None
    else:
        assert (found.text, found.date, found.kind) == expected


# A one-year plan whose items give limits without the year (the title has it).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6月底前，制定老旧小区改造年度计划。", ("6月底前", "2023-06-30", "by_date")),
        ("年底前完成全部公交站台无障碍改造。", ("年底前", "2023-12-31", "by_date")),
        ("开展专项检查。三季度前完成试点评估。", ("三季度前", "2023-09-30", "by_date")),
        ("十月底前完成全部验收工作。", ("十月底前", "2023-10-31", "by_date")),
        ("各区于11月15日前报送年度总结。", ("11月15日前", "2023-11-15", "by_date")),
        ("当年6月底前完成摸底调查。", ("当年6月底前", "2023-06-30", "by_date")),
        ("明年一季度前启动二期工程。", ("明年一季度前", "2024-03-31", "by_date")),
        # a lost comma or full stop before the limit
        ("完善工作机制5月底前出台管理细则", None),
        ("完善工作机制。5月底前出台管理细则", ("5月底前", "2023-05-31", "by_date")),
        # the note's year-less limit gets the plan year too
        ("组织应急演练。（市应急局负责，年底前完成）", ("年底前", "2023-12-31", "by_date")),
        # a yearly limit
        ("各区每年4月底前报送上年度工作总结。", ("每年4月底前", None, "annual")),
        # not the item's limit: after a noun, an aim, a title, no "by", no month
        ("推动示范企业6月底前完成改造。", None),
        ("力争年底前实现全覆盖。", None),
        ("截至6月底，已完成改造120个。", None),
        ("落实《关于5月底前完成排查的通知》要求。", None),
        ("统一月度调度机制，彻底解决拖欠问题。", None),
    ],
)
def test_a_limit_without_its_year_takes_the_plan_year(text, expected):
    found = find_deadline(text, plan_year=2023)
    if expected is None:
        assert found is None
    else:
        assert (found.text, found.date, found.kind) == expected


def test_a_spaced_limit_is_read_after_normalisation():
    text = normalize("9 月底前，建成全市统一的预约挂号平台。").text
    found = find_deadline(text, plan_year=2023)
    assert (found.text, found.date) == ("9月底前", "2023-09-30")


def test_without_a_plan_year_a_yearless_limit_has_no_date():
    found = find_deadline("年底前完成全部公交站台无障碍改造。")
    assert (found.text, found.date) == ("年底前", None)


# Limits counted from the day the document is issued.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各区要在本计划印发之日起20日内制定本区实施细则。", ("本计划印发之日起20日内", "2024-05-06", "by_date")),
        ("各区于本文印发后2个月内报送工作台账。", ("本文印发后2个月内", "2024-06-16", "by_date")),
        ("自本方案发布之日起三十日内完成自查。", ("本方案发布之日起三十日内", "2024-05-16", "by_date")),
        ("本办法施行后一年内完成存量文件清理。", ("本办法施行后一年内", "2025-04-16", "by_date")),
        ("印发之日起半年内完成整改。", ("印发之日起半年内", "2024-10-16", "by_date")),
        ("各单位于通知下发后两周内上报名单。", ("通知下发后两周内", "2024-04-30", "by_date")),
        # working days are no calendar count
        ("本通知印发后10个工作日内报送联系人。", ("本通知印发后10个工作日内", None, "other")),
        # in the assignment note
        ("制定配套细则。（市财政局负责，本方案印发后3个月内完成）", ("本方案印发后3个月内", "2024-07-16", "by_date")),
    ],
)
def test_a_limit_counted_from_the_issue_date(text, expected):
    found = find_deadline(text, issued="2024-04-16")
    assert (found.text, found.date, found.kind) == expected


def test_without_the_issue_date_a_relative_limit_is_undated():
    found = find_deadline("各区要在本计划印发之日起20日内制定本区实施细则。")
    assert (found.text, found.date, found.kind) == ("本计划印发之日起20日内", None, "other")


@pytest.mark.parametrize(
    "text",
    [
        "6月底前完成摸底排查，年底前完成整改销号。",
        "2024年6月底前完成排查，2024年底前完成整改。",
        "本方案印发后1个月内制定细则，年底前完成验收。",
    ],
)
def test_an_item_with_two_different_limits_has_none(text):
    assert find_deadline(text, plan_year=2024, issued="2024-04-16") is None


def test_the_same_limit_twice_is_still_the_items():
    assert find_deadline("年底前完成改造。年底前完成验收。", plan_year=2024).text == "年底前"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("当年12月底前", ("当年12月底前", "2023-12-31", "by_date")),
        ("方案印发后1个月内", ("方案印发后1个月内", "2023-06-10", "by_date")),
        ("长期坚持", ("长期坚持", None, "ongoing")),
    ],
)
def test_a_table_cell_reads_yearless_and_relative_limits(value, expected):
    found = read_deadline_value(value, plan_year=2023, issued="2023-05-10")
    assert (found.text, found.date, found.kind) == expected


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("江澜市2024年扬尘防治工作计划", 2024),
        ("2024年江澜市政务公开工作要点", 2024),
        ("关于印发《江澜市2025年为民办实事项目》的通知", 2025),
        ("江澜市现代物流业发展规划（2025—2029 年）", None),
        ("2024-2026年江澜市农机购置补贴实施方案", None),
        ("江澜市2024年至2025年冬春供暖保障方案", None),
        ("江澜市“十四五”节能减排实施方案", None),
        (None, None),
    ],
)
def test_plan_year(title, year):
    assert plan_year(title) == year


def test_span_points_at_the_deadline_text():
    text = "做好信息公开。（市发展改革委负责落实，完成时限：2024年10月）"
    found = find_deadline(text)
    assert text[found.start:found.end] == found.text == "2024年10月"


def test_the_measures_own_note_is_the_last_one():
    text = "建设公共服务平台（含移动端）。（市经信局负责，2022年底前）"
    found = find_deadline(text)
    assert found.text == "2022年底前"


def test_month_end_knows_february():
    assert find_deadline("（市农业农村局负责，2024年2月底前）").date == "2024-02-29"


@pytest.mark.parametrize(
    "text",
    ["《" * 1_000_000, "1" * 1_000_000, "（" * 1_000_000, "2020年" * 200_000, "（负责，" * 200_000,
     "\n以上任务" * 200_000, "以上任务年底前" * 150_000, "，年底前，2020年底前" * 80_000, "《通知》，2020年底前" * 80_000],
    ids=["open-brackets", "digits", "open-parens", "years", "unclosed-notes", "shared-lines", "shared-limits",
         "yearless-and-dated", "titles-and-dates"],
)
def test_a_megabyte_of_one_pattern_is_read_quickly(text):
    find_deadline(text)


def test_the_pipeline_dates_limits_from_the_title_year_and_the_issue_date():
    import policykit

    doc = policykit.extract_text(
        "滨海市2024年扬尘防治工作计划\n各区政府：\n为防治扬尘，制定本计划。\n一、主要举措\n"
        "1.出台导则。5月底前，出台建筑工地扬尘管控导则（牵头单位：滨海市住建局）\n"
        "2.落实属地责任。各区要在本计划印发之日起20日内制定实施细则（各区政府负责）\n"
        "滨海市人民政府\n2024年3月1日\n"
    )
    assert [(m.deadline.text, m.deadline.date) for m in doc.measures] == [
        ("5月底前", "2024-05-31"), ("本计划印发之日起20日内", "2024-03-21")]


# ---------------------------------------------------------------- limits stated for several items


def deadlines_of(source: str) -> list[tuple[str | None, str | None, str | None]]:
    import policykit

    doc = policykit.extract_text(source)
    return [(m.deadline.text, m.deadline.date, m.deadline.scope) if m.deadline else (None, None, None)
            for m in doc.measures]


HEAD = "滨海市2024年河湖治理工作方案\n各区政府：\n为加强治理，制定本方案。\n"
SIGNATURE = "滨海市人民政府\n2024年3月1日\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A closing line for the items above it, in their section only
        (
            "一、重点任务\n（一）清理河道。清理河道垃圾。（市水务局负责）\n（二）整治排口。整治入河排口。（各区政府负责）\n"
            "以上任务于2024年底前完成。\n二、保障措施\n（一）加强督查。开展专项督查。（市督查室负责）\n",
            [("2024年底前", "2024-12-31", "section"), ("2024年底前", "2024-12-31", "section"), (None, None, None)],
        ),
        # …an item's own limit wins over it, and a year-less one takes the plan year
        (
            "一、重点任务\n（一）清理河道。6月底前清理河道垃圾。（市水务局负责）\n（二）整治排口。整治入河排口。（各区政府负责）\n"
            "上述工作须在年底前全部完成。\n",
            [("6月底前", "2024-06-30", "measure"), ("年底前", "2024-12-31", "section")],
        ),
        # An opening line for the items below it
        (
            "一、近期任务\n以下任务于2024年6月底前完成：\n（一）摸清底数。开展河湖普查。（市水务局负责）\n"
            "（二）建立台账。建立问题台账。（市生态环境局负责）\n二、长期任务\n（一）完善机制。健全河长制。（市河长办负责）\n",
            [("2024年6月底前", "2024-06-30", "section"), ("2024年6月底前", "2024-06-30", "section"), (None, None, None)],
        ),
        # A heading that gives its period, or its limit
        (
            "一、集中整治阶段（2024年4月—9月）\n（一）拆除违建。拆除沿河违建。（各区政府负责）\n"
            "二、巩固提升阶段（2024年12月底前）\n（一）长效管护。落实长效管护。（市城管委负责）\n",
            [("2024年4月—9月", "2024-09-30", "section"), ("2024年12月底前", "2024-12-31", "section")],
        ),
        # A line for every task
        (
            "一、重点任务\n（一）清理河道。清理河道垃圾。（市水务局负责）\n二、保障措施\n（一）加强督查。开展专项督查。（市督查室负责）\n"
            "各项任务须于2024年11月底前全部完成。\n",
            [("2024年11月底前", "2024-11-30", "document"), ("2024年11月底前", "2024-11-30", "document")],
        ),
        # A line below numbered sub-items closes their list (here the sub-items are the measures)
        (
            "一、重点任务\n（一）清理河道。（市水务局负责）\n1.清理垃圾。\n2.疏浚淤泥。\n以上工作于9月底前完成。\n"
            "（二）整治排口。整治入河排口。（各区政府负责）\n",
            [("9月底前", "2024-09-30", "section"), ("9月底前", "2024-09-30", "section"), (None, None, None)],
        ),
        # A sentence inside an item is its own prose; words without a limit give nothing
        (
            "一、重点任务\n（一）清理河道。清理河道垃圾，确保各项任务于2024年10月底前完成。（市水务局负责）\n"
            "（二）整治排口。整治入河排口。（各区政府负责）\n以上任务要抓好落实。\n",
            [("2024年10月底前", "2024-10-31", "measure"), (None, None, None)],
        ),
        # Two different limits for the same items leave them none
        (
            "一、重点任务\n以下任务于6月底前完成：\n（一）清理河道。清理河道垃圾。（市水务局负责）\n以上任务于9月底前完成。\n",
            [(None, None, None)],
        ),
    ],
)
def test_a_limit_stated_for_several_items(body, expected):
    assert deadlines_of(HEAD + body + SIGNATURE) == expected


def test_a_shared_limit_points_at_where_it_is_stated():
    import policykit

    source = HEAD + "一、重点任务\n（一）清理河道。清理河道垃圾。（市水务局负责）\n以上任务于2024年底前完成。\n" + SIGNATURE
    deadline = policykit.extract_text(source).measures[0].deadline
    assert source[deadline.span[0]:deadline.span[1]] == "2024年底前"


def test_a_line_below_the_sub_steps_of_one_measure_is_that_measures_limit():
    from policykit.extract.deadlines import shared_deadlines
    from policykit.outline import parse

    text = ("一、重点任务\n（一）清理河道。（市水务局负责）\n1.清理垃圾。\n2.疏浚淤泥。\n以上工作于9月底前完成。\n"
            "（二）整治排口。整治入河排口。（各区政府负责）")
    roots = parse(text)
    items = roots[0].children   # the two （一）（二） items are the measures, their sub-steps are not
    shared = shared_deadlines(text, roots, [(n.start, n.end, n) for n in items], plan_year=2024)
    assert {i: (d.found.text, d.scope) for i, d in shared.items()} == {0: ("9月底前", "measure")}
