"""Numeric targets: an indicator with a number, its unit, comparator and target year.

The sentences follow the forms policy documents use (goals sections, task
items, lists with 分别 and 均, PDF line breaks, damaged numbers); the
accuracy run on whole documents is ../shared/eval/score.py.
"""
import pytest

from policykit.extract.targets import FoundTarget, find_targets
from policykit.normalize import normalize


def found(text):
    """The targets of a text as the pipeline reads it: normalised first (spaces, widths, punctuation)."""
    targets = find_targets(normalize(text).text)
    return [(t.indicator, t.value, t.value_max, t.unit, t.comparator, t.year) for t in targets]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Level with a qualifier after the number: 左右, 以上, 以下
        ("到2020年，全市有效发明专利拥有量达到300件左右。", [("有效发明专利拥有量", 300, None, "件", "about", 2020)]),
        ("到2025年，秸秆综合利用率稳定在90%以上。", [("秸秆综合利用率", 90, None, "%", "at_least", 2025)]),
        ("县城新建住宅高度严格控制在20层以下。", [("县城新建住宅高度", 20, None, "层", "at_most", None)]),
        ("到2030年，绿色信贷占全部贷款余额的比重达到12%左右。",
         [("绿色信贷占全部贷款余额的比重", 12, None, "%", "about", 2030)]),
        # Level without a qualifier is exactly; 达, 为 and 提升至 are levels too
        ("到2025年，农村生活污水治理率达到45%。", [("农村生活污水治理率", 45, None, "%", "exactly", 2025)]),
        ("到2025年，生活垃圾回收利用率达40%。", [("生活垃圾回收利用率", 40, None, "%", "exactly", 2025)]),
        ("到2025年，县城公共交通分担率提升至25%以上。", [("县城公共交通分担率", 25, None, "%", "at_least", 2025)]),
        # Comparator words before the number
        ("新增及更新车辆中新能源汽车比例原则上不低于40%。",
         [("新增及更新车辆中新能源汽车比例", 40, None, "%", "at_least", None)]),
        ("实施合同能源管理项目不少于25个。", [("实施合同能源管理项目", 25, None, "个", "at_least", None)]),
        # A modal before a negated comparison keeps its direction, and leaves the indicator
        ("新建居住区绿地率不得低于30%。", [("新建居住区绿地率", 30, None, "%", "at_least", None)]),
        ("每个街道停车泊位不应少于500个。", [("每个街道停车泊位", 500, None, "个", "at_least", None)]),
        ("新建小区容积率不宜高于2.5倍。", [("新建小区容积率", 2.5, None, "倍", "at_most", None)]),
        ("县城广场的集中硬地面积不应超过3公顷。", [("县城广场的集中硬地面积", 3, None, "公顷", "at_most", None)]),
        ("到2025年，重点行业产能达到能效标杆水平的比例超过20%。",
         [("重点行业产能达到能效标杆水平的比例", 20, None, "%", "at_least", 2025)]),
        ("绿色保险累积提供风险保障超2000亿元。", [("绿色保险累积提供风险保障", 2000, None, "亿元", "at_least", None)]),
        # Changes: 下降, 降低, 削减 → decrease_by; 提高, 提升, 增长 → increase_by, also with 以上
        ("到2025年，单位地区生产总值能源消耗比2020年下降14%。",
         [("单位地区生产总值能源消耗", 14, None, "%", "decrease_by", 2025)]),
        ("到2025年，非化石能源消费比重力争比2020年提高3个百分点以上。",
         [("非化石能源消费比重", 3, None, "个百分点", "increase_by", 2025)]),
        ("到2020年底，行政规范性文件预公开比率提升15%。",
         [("行政规范性文件预公开比率", 15, None, "%", "increase_by", 2020)]),
        ("铁钢比下降至0.8以下。", [("铁钢比", 0.8, None, None, "at_most", None)]),
        # Ranges: 2—3家, 2-3家, 1至2个
        ("到2025年，建设1至3个绿色生态城区。", [("绿色生态城区", 1, 3, "个", "range", 2025)]),
        ("培育2—3家具有国际影响力的龙头企业。", [("具有国际影响力的龙头企业", 2, 3, "家", "range", None)]),
        ("打造3-5个循环利用产业基地。", [("循环利用产业基地", 3, 5, "个", "range", None)]),
        # Doubling
        ("到2025年，绿色债券发行规模较2020年翻两番。", [("绿色债券发行规模", 4, None, None, "multiply", 2025)]),
        ("海铁联运箱量翻一番。", [("海铁联运箱量", 2, None, None, "multiply", None)]),
        # Units with multipliers and rates, as written
        ("到2025年，新增污水处理能力60万立方米/日。", [("新增污水处理能力", 60, None, "万立方米/日", "exactly", 2025)]),
        ("到2025年，体育产业总规模达到1.5万亿元。", [("体育产业总规模", 1.5, None, "万亿元", "exactly", 2025)]),
        ("森林覆盖率保持在66.50%以上。", [("森林覆盖率", 66.5, None, "%", "at_least", None)]),
        # Chinese numerals, with cn2an; a multiplier stays in the unit as 2万亩 would
        ("造林面积达到两万亩。", [("造林面积", 2, None, "万亩", "exactly", None)]),
        ("批准文件最多不超过六批。", [("批准文件", 6, None, "批", "at_most", None)]),
        ("农药使用量占比控制在百分之十以内。", [("农药使用量占比", 10, None, "%", "at_most", None)]),
        # The number before its indicator, after a verb of making
        ("推出80项具有较大知名度的精品赛事，打造50个自主品牌。",
         [("具有较大知名度的精品赛事", 80, None, "项", "exactly", None), ("自主品牌", 50, None, "个", "exactly", None)]),
        ("到2025年，创建1500家节约型公共机构示范单位。", [("节约型公共机构示范单位", 1500, None, "家", "exactly", 2025)]),
        ("到2025年，建成绿色分拣中心800个以上。", [("绿色分拣中心", 800, None, "个", "at_least", 2025)]),
        ("全省设立绿色专营机构30家。", [("绿色专营机构", 30, None, "家", "exactly", None)]),
        ("到2025年，力争70%以上党政机关建成节约型机关。",
         [("党政机关建成节约型机关", 70, None, "%", "at_least", 2025)]),
        ("50个左右大中城市率先建成废旧物资循环利用体系。",
         [("大中城市率先建成废旧物资循环利用体系", 50, None, "个", "about", None)]),
        (
            "到2025年，各区分别建成2个近零碳试点园区、4个近零碳试点社区以及6家近零碳试点企业。",
            [
                ("近零碳试点园区", 2, None, "个", "exactly", 2025),
                ("近零碳试点社区", 4, None, "个", "exactly", 2025),
                ("近零碳试点企业", 6, None, "家", "exactly", 2025),
            ],
        ),
        # A long noun phrase with its own list keeps its head after the last 的
        (
            "培育创建20个左右环境优美、功能完善、特色突出的宜居低碳示范县城。",
            [("宜居低碳示范县城", 20, None, "个", "about", None)],
        ),
        # Lists: 分别 pairs indicators and values; the measured head is shared
        (
            "到2025年，化学需氧量、氨氮排放总量比2020年分别下降10%、12%以上。",
            [
                ("化学需氧量排放总量", 10, None, "%", "decrease_by", 2025),
                ("氨氮排放总量", 12, None, "%", "decrease_by", 2025),
            ],
        ),
        (
            "绿色防控、统防统治覆盖率分别达到50%、40%。",
            [("绿色防控覆盖率", 50, None, "%", "exactly", None), ("统防统治覆盖率", 40, None, "%", "exactly", None)],
        ),
        (
            "化学需氧量、氨氮等主要污染物重点工程减排量分别达到2.1万吨、0.05万吨。",
            [
                ("化学需氧量主要污染物重点工程减排量", 2.1, None, "万吨", "exactly", None),
                ("氨氮主要污染物重点工程减排量", 0.05, None, "万吨", "exactly", None),
            ],
        ),
        # 均: one value for every item
        (
            "主要农作物化肥、农药利用率均达到45%以上。",
            [("主要农作物化肥利用率", 45, None, "%", "at_least", None), ("农药利用率", 45, None, "%", "at_least", None)],
        ),
        # A unit written once for the whole list
        (
            "溶剂型涂料、油墨使用比例分别降低15个、5个百分点。",
            [
                ("溶剂型涂料使用比例", 15, None, "个百分点", "decrease_by", None),
                ("油墨使用比例", 5, None, "个百分点", "decrease_by", None),
            ],
        ),
        (
            "公共机构单位建筑面积能耗、人均综合能耗分别下降5、6个百分点。",
            [
                ("公共机构单位建筑面积能耗", 5, None, "个百分点", "decrease_by", None),
                ("公共机构人均综合能耗", 6, None, "个百分点", "decrease_by", None),
            ],
        ),
        # A list of regions shares one indicator
        (
            "京津冀地区、长三角地区煤炭消费量分别下降8%、6%左右。",
            [("煤炭消费量", 8, None, "%", "decrease_by", None), ("煤炭消费量", 6, None, "%", "decrease_by", None)],
        ),
        # A list of items with their own indicators after one verb
        (
            "“十四五”期间，完成森林抚育200万亩、封山育林80万亩。",
            [("森林抚育", 200, None, "万亩", "exactly", None), ("封山育林", 80, None, "万亩", "exactly", None)],
        ),
        # An enumeration counted with 等N种 is not a target; the total after it is
        (
            "废钢铁、废铜、废纸等9种主要再生资源循环利用量达到4亿吨。",
            [("主要再生资源循环利用量", 4, None, "亿吨", "exactly", None)],
        ),
        # The same indicator, a later year, in the same sentence
        (
            "到2025年，光伏装机容量达到300万千瓦；到2030年，力争达到500万千瓦。",
            [("光伏装机容量", 300, None, "万千瓦", "exactly", 2025), ("光伏装机容量", 500, None, "万千瓦", "exactly", 2030)],
        ),
        # A damaged range (2—3家 that lost its dash) is kept as written, not guessed
        ("每年选取23家企业进行重点培育。", [("企业进行重点培育", 23, None, "家", "exactly", None)]),
    ],
)
def test_target(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # A year at the start of a clause holds for the rest of the paragraph
        ("2020年，企业专利申请量达到800件左右；注册商标申请量达到3000件左右。", [2020, 2020]),
        ("到2025年，产业总规模达到1万亿元，基本形成产业体系。推出50项精品赛事。", [2025, 2025]),
        ("到2025年底，新开工装配式建筑占新建建筑的比例达到30%以上。", [2025]),
        ("力争2022年底前完成3家单位办公楼低碳化改造。", [2022]),
        # A later year replaces it; a period (“十四五”时期) ends it
        ("到2025年，森林覆盖率达到60%；到2035年，森林覆盖率达到62%。", [2025, 2035]),
        ("到2025年，秸秆综合利用率达到90%。“十四五”时期，万元工业增加值用水量下降12%。", [2025, None]),
        # A bare year that opens a clause sets it too, to the end of its sentence
        ("2026年新增省级专精特新企业80家。", [2026]),
        ("加大培育力度，2027 年规上工业企业数量达到 500 家。", [2027]),
        ("到2025年，装配式建筑占比达到30%；2026年该比例提高到40%。", [2025, 2026]),
        ("2026年新增企业80家。新建城市绿道100公里。", [2026, None]),
        ("——2026年起新建公共建筑屋顶光伏覆盖比例不低于50%。", [2026]),
        # …and a year inside the clause, for that clause (not a date)
        ("公办幼儿园2026年面向社会招生的比例为85%，民办园招生比例达到40%。", [2026, None]),
        ("2021年以来，累计建成绿道500公里。", [None]),
        # Years given one by one to the values of a 分别 list
        ("2025至2027年全市单位GDP能耗分别下降2%、2.5%、3%。", [2025, 2026, 2027]),
        ("2026 年和 2030 年，再生资源回收率分别提升至 50%、60%以上。", [2026, 2030]),
        ("2025—2027年，化肥、农药使用量分别下降3%、2%。", [None, None]),
        # The horizon of a goals paragraph holds in the ——items below it
        ("到2025年，绿色制造水平明显提升。\n——能源效率稳步提升。单位增加值能耗降低13%。\n"
         "——资源利用水平提高。工业用水重复利用率达到92%。\n三、重点任务\n新建城市绿道100公里。", [2025, 2025, None]),
        # A line that ends in ； goes on in the next one
        ("争取到2026年，培育骨干企业超 300家；\n配套企业超 800家，产值突破 900 亿元。", [2026, 2026, 2026]),
        # A base year is not a target year
        ("单位工业增加值能耗比2020年下降13%。", [None]),
        ("直接融资规模较2020年翻一番。", [None]),
        # A yearly change has no target year, unless a horizon governs its sentence
        ("包装产品使用比例每年提升10%。", [None]),
        ("到2025年，包装产品使用比例每年提升10%。", [2025]),
        ("到2027年底，规上工业增加值年均增长7%以上。", [2027]),
        ("“十四五”期间，集装箱铁水联运量年均增长12%。", [None]),
        # The year does not reach the next paragraph
        ("到2025年，森林覆盖率达到60%。\n湿地保护率达到55%。", [2025, None]),
        # …unless the paragraph before ends with a colon or is a heading; then it holds for the items below
        ("到2025年：\n湿地保护率达到55%。", [2025]),
        ("到2025年，实现以下目标：\n1.森林覆盖率达到60%；\n2.湿地保护率达到55%。\n湿地面积稳定在10万亩以上。",
         [2025, 2025, None]),
        ("（一）2025年主要目标\n1.森林覆盖率达到60%。\n2.湿地保护率达到55%。\n（二）重点任务\n3.新建绿道100公里。",
         [2025, 2025, None]),
    ],
)
def test_target_year(text, years):
    assert [t.year for t in find_targets(normalize(text).text)] == years


def test_a_year_series_is_not_part_of_the_indicator():
    assert found("2025至2027年全市单位GDP能耗分别下降2%、2.5%、3%。") == [
        ("单位GDP能耗", 2, None, "%", "decrease_by", 2025),
        ("单位GDP能耗", 2.5, None, "%", "decrease_by", 2026),
        ("单位GDP能耗", 3, None, "%", "decrease_by", 2027),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Dates, document numbers, heading numbers, ordinals
        "2015年7月30日",
        "完成时限：2024年10月",
        "国发〔2015〕19号",
        "忻政办发〔2015〕45号",
        "（三）主要目标",
        "1.推进知识产权优势企业发展",
        "第一条 为规范专项资金管理，制定本办法。",
        "第三批新建和优化场景清单",
        # Names with numbers
        "全面贯彻党的十八届三中全会精神，深入实施百人计划，推动六大发展。",
        "统筹推进“五位一体”总体布局和协调推进“四个全面”战略布局。",
        "确保完成“十四五”规划目标任务。",
        "统筹利用国际国内两个市场、两种资源。",
        "推动政府信息公开实现八个方面转变。",
        "提升一次性通过率。",
        # Standards and codes
        "新建建筑应按照GB/T50378、GB/T 50878要求设计。",
        "加强细颗粒物（PM2.5）和臭氧协同控制，提升12345市民服务热线接办效率。",
        # Time spans and procedural deadlines
        "力争三到五年时间内，监管常态化。",
        "区残联应在3个工作日内完成审核。",
        # Present state, not a commitment
        "截至2020年底，全市已建成污水处理厂15座。",
        # Conditions and size classes
        "确需建设18层以上居住建筑的，应严格充分论证。",
        "完成30万千瓦及以上热电联产电厂周边燃煤锅炉关停任务。",
        "加强50米以上公共建筑消防安全管理。",
        # Money paid out under a rule
        "对年产值超过2000万元的企业给予一次性奖励50万元。",
        "按照购置费的20%给予补助，最高不超过200万元。",
        # Numbers without a commitment
        "将2016年实施的24项措施纳入督查范围。",
        "浏览次数：2460",
    ],
)
def test_not_a_target(text):
    assert find_targets(text) == []


def test_span_is_the_target_phrase():
    text = "（二）主要目标。\n到2020年，全市有效发明专利拥有量达到300件左右，企业专利申请量达到800件左右。"
    assert [text[t.start:t.end] for t in find_targets(text)] == [
        "全市有效发明专利拥有量达到300件左右",
        "企业专利申请量达到800件左右",
    ]


def test_scope_is_taken_from_the_start_of_the_indicator():
    (target,) = find_targets("到2025年，全省单位生产总值能耗比2020年下降14%。")
    assert (target.scope, target.indicator) == ("全省", "单位生产总值能耗")


def test_a_list_of_regions_gives_each_target_its_scope():
    targets = find_targets("京津冀地区、长三角地区煤炭消费量分别下降8%、6%左右。")
    assert [t.scope for t in targets] == ["京津冀地区", "长三角地区"]


def test_a_sentence_broken_over_lines_is_read_as_one():
    text = "到2025年，化学需氧量、氨氮等主要污染物减排量分别累计达到1.5万吨、\n0.08万吨。"
    targets = find_targets(text)
    assert [(t.value, t.unit, t.year) for t in targets] == [(1.5, "万吨", 2025), (0.08, "万吨", 2025)]
    assert text[targets[1].start:targets[1].end].endswith("、\n0.08万吨")


def test_numbers_in_a_section_that_reports_results_are_not_targets():
    text = (
        "第一节 生态环境保护取得突出成效\n"
        "全市森林覆盖率达到11.7%，建成人工湿地23处。\n"
        "第二节 发展目标\n"
        "到2025年，全市森林覆盖率达到13%。"
    )
    assert found(text) == [("森林覆盖率", 13, None, "%", "exactly", 2025)]


def test_targets_come_in_text_order():
    text = "推出80项精品赛事。\n到2025年，森林覆盖率达到60%。\n绿色防控、统防统治覆盖率分别达到50%、40%。"
    starts = [t.start for t in find_targets(text)]
    assert starts == sorted(starts) and len(starts) == 4


def test_found_target_fields():
    (target,) = find_targets("到2020年，全市有效发明专利拥有量达到300件左右。")
    assert target == FoundTarget(
        indicator="有效发明专利拥有量", scope="全市", value=300, value_max=None, unit="件",
        comparator="about", year=2020, start=7, end=26,
    )


def test_a_megabyte_line_of_digits_finishes():
    assert find_targets("1234567890" * 100_000) == []


def test_a_long_line_of_targets_finishes():
    text = "、".join(["8%"] * 20_000) + "。" + "森林覆盖率达到60%，" * 20_000
    assert len(find_targets(text)) == 20_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Units outside the everyday list: 片, 类, GW/MW/kW, standard coal per output, per area, per month
        ("到2026年，硅片产能达到12万片/月。", [("硅片产能", 12, None, "万片/月", "exactly", 2026)]),
        ("分布式光伏装机达到 1.5GW 以上。", [("分布式光伏装机", 1.5, None, "GW", "at_least", None)]),
        ("新型储能规模不低于500MW。", [("新型储能规模", 500, None, "MW", "at_least", None)]),
        ("供电煤耗降至 298 克标煤 /千瓦时。", [("供电煤耗", 298, None, "克标煤/千瓦时", "exactly", None)]),
        ("吨钢综合能耗下降到 540 千克标准煤。", [("吨钢综合能耗", 540, None, "千克标准煤", "exactly", None)]),
        ("开发区地均税收达到 8 亿元/平方公里。", [("开发区地均税收", 8, None, "亿元/平方公里", "exactly", None)]),
        ("建成区降尘量不得高于 5 吨/月·平方公里。", [("建成区降尘量", 5, None, "吨/月·平方公里", "at_most", None)]),
        ("公共服务事项种类多于 12 类。", [("公共服务事项种类", 12, None, "类", "at_least", None)]),
        # Comparators as symbols and as 大于/小于, half- and full-width
        ("产品一次合格率≥98%。", [("产品一次合格率", 98, None, "%", "at_least", None)]),
        ("返修率≤ 2%，投诉率<1%，满意率＞90%。",
         [("返修率", 2, None, "%", "at_most", None), ("投诉率", 1, None, "%", "at_most", None),
          ("满意率", 90, None, "%", "at_least", None)]),
        ("路网密度大于8公里/平方公里，平均通勤时间小于40分钟。",
         [("路网密度", 8, None, "公里/平方公里", "at_least", None)]),
        # A range without a unit is a target after a ratio (率/比/值/系数), not elsewhere
        ("新建工业项目容积率应控制在 1.5 至 3.0 之间。", [("新建工业项目容积率", 1.5, 3.0, None, "range", None)]),
        ("绿地率与建筑密度的比值宜在0.8-1.2。", [("绿地率与建筑密度的比值", 0.8, 1.2, None, "range", None)]),
        # Both ends written with 万: the unit keeps the multiplier; a denominator before the number stays out of the comparator
        ("就业岗位密度宜保持每平方公里 1.2 万至 2 万个。",
         [("就业岗位密度每平方公里", 1.2, 2, "万个", "range", None)]),
        ("市区人口规模控制在 80万—100万人。", [("市区人口规模", 80, 100, "万人", "range", None)]),
        # Spaces between thousands, left by PDF text
        ("建设城市绿道 3 000 公里。", [("城市绿道", 3000, None, "公里", "exactly", None)]),
    ],
)
def test_units_comparators_and_ranges(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "详见第2-3条和2021-2025年度计划。",
        "调查样本编号 100 200 300 依次排列。",
        "每批次抽取1.5至2.0之间的样本。",
    ],
)
def test_no_target_from_bare_numbers(text):
    assert find_targets(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A share or count before its noun counts the rest of the clause
        ("35%行政村完成垃圾分类设施改造。", [("行政村完成垃圾分类设施改造", 35, None, "%", "exactly", None)]),
        ("年底前 85%以上社区建成养老服务站。", [("社区建成养老服务站", 85, None, "%", "at_least", None)]),
        ("力争不低于 80%的乡镇卫生院达到服务能力标准。",
         [("乡镇卫生院达到服务能力标准", 80, None, "%", "at_least", None)]),
        ("城镇新建公共建筑 100%执行绿色建筑标准。", [("城镇新建公共建筑执行绿色建筑标准", 100, None, "%", "exactly", None)]),
        ("推动二级以上医院预留 15%的号源给基层转诊患者。",
         [("二级以上医院预留号源给基层转诊患者", 15, None, "%", "exactly", None)]),
        ("在 30 个左右重点镇开展智慧治理试点。", [("重点镇开展智慧治理试点", 30, None, "个", "about", None)]),
        # …also past a remark in brackets, whose size class is no target
        ("全市 30%以上大型超市（营业面积 5000 平方米及以上）达到绿色商场标准。",
         [("大型超市达到绿色商场标准", 30, None, "%", "at_least", None)]),
        # A verb of making governs the number across a comparator, a long modifier or an enumeration
        ("培养不少于 500 名家庭医生，培训约 200 名护理员，建设约 30 间康复训练室。",
         [("家庭医生", 500, None, "名", "at_least", None), ("护理员", 200, None, "名", "about", None),
          ("康复训练室", 30, None, "间", "about", None)]),
        ("打造布局合理、服务便捷的 150 个社区食堂。", [("社区食堂", 150, None, "个", "exactly", None)]),
        ("启动 12 家总投资 5 亿元的污水处理厂扩容改造。", [("污水处理厂扩容改造", 12, None, "家", "exactly", None)]),
        ("完成东湖泵站、西湖闸站、南河堤防、北河护岸等 12 个防洪项目建设。",
         [("防洪项目建设", 12, None, "个", "exactly", None)]),
        ("形成全省 500 吨/日的危废处置能力。", [("危废处置能力", 500, None, "吨/日", "exactly", None)]),
        ("每年推动 300 万平方米以上的既有公共建筑节能改造。",
         [("既有公共建筑节能改造", 300, None, "万平方米", "at_least", None)]),
        # A value followed by more words, a verb or a bracket (half-width brackets too)
        ("新建小区按 20%—30%比例配建公共充电桩，老旧小区按不低于 5%改造。",
         [("新建小区比例配建公共充电桩", 20, 30, "%", "range", None), ("老旧小区改造", 5, None, "%", "at_least", None)]),
        ("市级医院预留 10%的床位(其中儿科床位不低于 2%)用于基层转诊。",
         [("市级医院预留床位用于基层转诊", 10, None, "%", "exactly", None),
          ("儿科床位", 2, None, "%", "at_least", None)]),
        ("到2026年，新增公共充电桩达到 5000 个（市发展改革委负责）",
         [("新增公共充电桩", 5000, None, "个", "exactly", 2026)]),
        # A time word, an adverb or a subject before the verb of making
        ("全年新建高标准农田 30 万亩，同步推广节水灌溉面积 6.5 万亩。",
         [("新建高标准农田", 30, None, "万亩", "exactly", None), ("节水灌溉面积", 6.5, None, "万亩", "exactly", None)]),
        ("确保年内关停落后水泥产能 40 万吨、石灰产能 15 万吨。",
         [("关停落后水泥产能", 40, None, "万吨", "exactly", None), ("石灰产能", 15, None, "万吨", "exactly", None)]),
        ("西部各县完成退耕还林 8 万亩。", [("退耕还林", 8, None, "万亩", "exactly", None)]),
        # 95%的省级、90%的市级和70%的县级…: the short items share the rest of the last
        ("到2027年，90%的省级、80%的市级和 60%的县级医院建成胸痛中心。",
         [("省级医院建成胸痛中心", 90, None, "%", "exactly", 2027), ("市级医院建成胸痛中心", 80, None, "%", "exactly", 2027),
          ("县级医院建成胸痛中心", 60, None, "%", "exactly", 2027)]),
        ("建设 3-5 个省级和 1-2 个国家级智能制造示范工厂。",
         [("省级智能制造示范工厂", 3, 5, "个", "range", None), ("国家级智能制造示范工厂", 1, 2, "个", "range", None)]),
        # A share that qualifies a class of what follows leaves the indicator to the later number
        ("其中节能率 15%及以上的建筑面积达到 600 万平方米。",
         [("节能率15%及以上的建筑面积", 600, None, "万平方米", "exactly", None)]),
    ],
)
def test_number_before_its_noun_or_followed_by_words(text, expected):
    assert found(text) == expected


def test_a_subject_before_the_verb_of_making_is_the_scope():
    assert [(t.scope, t.indicator) for t in find_targets("西部各县完成退耕还林8万亩。")] == [("西部各县", "退耕还林")]


@pytest.mark.parametrize(
    "text",
    [
        "对持股 5%以上的股东实施穿透监管。",
        "按照工程造价的 2%计提安全生产费用。",
        "对排名前 10%的企业进行通报表扬。",
        "占比达到 30%的企业可申请认定。",
        # an enumeration counted by itself
        "定期评估东湖、西湖、南湖等 3 个湿地公园保护成效。",
    ],
)
def test_no_target_from_a_condition_a_rate_or_a_counted_list(text):
    assert find_targets(normalize(text).text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # In a list of targets, a verbless "indicator value" clause is one too
        ("到2026年，新能源公交车占比超过 95%，新能源出租车保有量 3000 辆，力争达到 4000 辆。",
         [("新能源公交车占比", 95, None, "%", "at_least", 2026), ("新能源出租车保有量", 3000, None, "辆", "exactly", 2026),
          ("新能源出租车保有量", 4000, None, "辆", "exactly", 2026)]),
        ("建成加氢站 8 座，社区光伏示范项目 20 个。",
         [("加氢站", 8, None, "座", "exactly", None), ("社区光伏示范项目", 20, None, "个", "exactly", None)]),
        # One value for a list of indicators that each name their own rate
        ("实现城镇燃气普及率、污水集中收集率、垃圾分类覆盖率 100%。",
         [("城镇燃气普及率", 100, None, "%", "exactly", None), ("污水集中收集率", 100, None, "%", "exactly", None),
          ("垃圾分类覆盖率", 100, None, "%", "exactly", None)]),
        # …but not when the items share one rate written once
        ("化肥、农药利用率达到 42%。", [("化肥、农药利用率", 42, None, "%", "exactly", None)]),
        # A list of indicator–value pairs
        ("全市公共充电桩 6000 个、换电站 40 座以上。",
         [("公共充电桩", 6000, None, "个", "exactly", None), ("换电站", 40, None, "座", "at_least", None)]),
        # A subsidy word elsewhere in the sentence leaves goals alone; only what is paid is dropped
        ("深化农机购置补贴改革，丘陵山区农机化率超过 50%。", [("丘陵山区农机化率", 50, None, "%", "at_least", None)]),
        ("开展 6 个左右数字乡村试点县建设并给予奖补。", [("数字乡村试点县建设", 6, None, "个", "about", None)]),
        ("对新认定的专精特新企业给予 20 万元奖励，全年新认定企业 50 家以上。",
         [("新认定企业", 50, None, "家", "at_least", None)]),
        ("按设备投资额的 15%给予补助，单个项目最高不超过 300 万元。", []),
        # Without a list, a verbless clause is no target
        ("社区光伏示范项目 20 个。", []),
    ],
)
def test_lists_and_subsidies(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The subject or per-unit base of the first item is shared by the list
        ("全市重点企业单位产品电耗、水耗比 2024 年分别下降 5%和 8%。",
         [("重点企业单位产品电耗", 5, None, "%", "decrease_by", None),
          ("重点企业单位产品水耗", 8, None, "%", "decrease_by", None)]),
        ("区属国企人均办公面积、人均用水量、单位面积能耗同比分别降低 3%、2%、4%。",
         [("区属国企人均办公面积", 3, None, "%", "decrease_by", None),
          ("区属国企人均用水量", 2, None, "%", "decrease_by", None),
          ("区属国企单位面积能耗", 4, None, "%", "decrease_by", None)]),
        ("单位地区生产总值能耗和二氧化碳排放分别下降 14%和 18%。",
         [("单位地区生产总值能耗", 14, None, "%", "decrease_by", None),
          ("单位地区生产总值二氧化碳排放", 18, None, "%", "decrease_by", None)]),
        # …and what follows a modifier or a remark in the last item, backwards
        ("营运客车、货车单位周转量能耗分别下降 8%、6%。",
         [("营运客车单位周转量能耗", 8, None, "%", "decrease_by", None),
          ("货车单位周转量能耗", 6, None, "%", "decrease_by", None)]),
        ("公交车、出租车（含网约车）新能源车辆占比分别达到 90%、60%。",
         [("公交车新能源车辆占比", 90, None, "%", "exactly", None),
          ("出租车（含网约车）新能源车辆占比", 60, None, "%", "exactly", None)]),
        # Items of different kinds share nothing
        ("粮食产量、蔬菜分别达到 50 万吨、30 万吨。",
         [("粮食产量", 50, None, "万吨", "exactly", None), ("蔬菜", 30, None, "万吨", "exactly", None)]),
        # An indicator named by context: 将…, 该比例, the object of the clause before
        ("修订地方标准后，将居住建筑节能率提高到 80%以上。", [("居住建筑节能率", 80, None, "%", "at_least", None)]),
        ("到 2026 年，装配式建筑占比达到 35%；2027 年该比例提高到 45%。",
         [("装配式建筑占比", 35, None, "%", "exactly", 2026), ("装配式建筑占比", 45, None, "%", "exactly", 2027)]),
        ("鼓励建设多层标准厂房，最高不超过 8 层。", [("多层标准厂房", 8, None, "层", "at_most", None)]),
    ],
)
def test_indicators_shared_or_named_by_context(text, expected):
    assert found(text) == expected


INDICATOR_TABLE = """三、保障措施
附表1
城北区绿色出行主要指标
序号
指标名称
现状值
2026年目标值
1.公交站点500米覆盖率（%）
86.5
≥95
2.新能源公交车占比
比上年提高，2026年达到80%。
3.公共自行车站点数量（个）
—
1200
4.慢行道里程（公里）
320
5.绿色出行满意度
>=90%
注：现状值为2023年数据。
"""


def test_an_indicator_table_written_one_cell_per_line():
    assert found(INDICATOR_TABLE) == [
        # the last value of a row, with the unit of its name and the year of its column
        ("公交站点500米覆盖率", 95, None, "%", "at_least", 2026),
        # a value sentence under its name
        ("新能源公交车占比", 80, None, "%", "exactly", 2026),
        ("公共自行车站点数量", 1200, None, "个", "exactly", 2026),
        # 320 alone is a present value, not a goal; a comparator makes one
        ("绿色出行满意度", 90, None, "%", "at_least", 2026),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # without a header that names indicators, bare numbers under a line are no targets
        "城北区公共设施\n公共自行车站点数量（个）\n—\n1200\n",
        # a header row is not an indicator
        "主要指标\n编号\n1\n指标名称\n2\n",
    ],
)
def test_no_target_from_other_tables(text):
    assert found(text) == []
