"""Numeric targets in less common measure words and goal forms: counts of visits and checks
(家次, 户次, 亩次, 车次), racks, pairs and cores (架, 对, 核), storage, computing power and
bandwidth (PB, EFLOPS, Gbps), an area per household before a verb of building (按每百户不低于
20平方米配建…), goal verbs of sowing, training and hiring (扩种, 定向培养, 聘请), checks that
count visits (检查…家次), a time cut down to (压缩至1个工作日: at most), and a count whose noun
is the subject of the rest of the clause (推动18个村庄…接入). Invented sentences, damaged
forms too; and sentences whose numbers are no targets."""
import pytest

from policykit.extract.targets import find_targets
from policykit.normalize import normalize


def found(text):
    """The targets as the pipeline reads them: normalised first (widths, spaces, punctuation)."""
    return [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in find_targets(normalize(text).text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("农机社会化服务面积达到12万亩次以上。", [("农机社会化服务面积", 12, "万亩次", "at_least", None)]),
        ("飞防作业面积达到 6.5万亩次.", [("飞防作业面积", 6.5, "万亩次", "exactly", None)]),
        ("抽查食品经营单位 8 000 家次。", [("抽查食品经营单位", 8000, "家次", "exactly", None)]),
        ("全年开展执法检查不少于3000家次。", [("开展执法检查", 3000, "家次", "at_least", None)]),
        ("监督检查药品零售企业2600家次；", [("监督检查药品零售企业", 2600, "家次", "exactly", None)]),
        ("检查4500家次学校食堂。", [("学校食堂", 4500, "家次", "exactly", None)]),
        ("入户走访困难家庭1.5万户次,", [("入户走访困难家庭", 1.5, "万户次", "exactly", None)]),
        ("开行乡村旅游专列 40 车次。", [("开行乡村旅游专列", 40, "车次", "exactly", None)]),
        ("开行城乡公交120班次。", [("开行城乡公交", 120, "班次", "exactly", None)]),
        ("保障通用航空起降3000架次以上。", [("保障通用航空起降", 3000, "架次", "at_least", None)]),
        ("新建标准机架 2.5万架。", [("新建标准机架", 2.5, "万架", "exactly", None)]),
        ("新增5000架标准机架。", [("标准机架", 5000, "架", "exactly", None)]),
        ("结对帮扶学校不少于30对。", [("结对帮扶学校", 30, "对", "at_least", None)]),
        ("全市结对共建村达到 60 对；", [("结对共建村", 60, "对", "exactly", None)]),
        ("新增能繁母猪2000头、肉牛5000头。",
         [("新增能繁母猪", 2000, "头", "exactly", None), ("肉牛", 5000, "头", "exactly", None)]),
        ("投放鱼苗30万尾。", [("投放鱼苗", 30, "万尾", "exactly", None)]),
        ("新增远洋渔船 12 艘。", [("新增远洋渔船", 12, "艘", "exactly", None)]),
    ],
)
def test_compound_and_less_common_measure_words(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新增算力资源2万核、存储容量10PB。",
         [("新增算力资源", 2, "万核", "exactly", None), ("存储容量", 10, "PB", "exactly", None)]),
        ("新增计算资源 3000核, 存储资源 8PB;",
         [("新增计算资源", 3000, "核", "exactly", None), ("存储资源", 8, "PB", "exactly", None)]),
        ("建设3万核的计算资源池。", [("计算资源池", 3, "万核", "exactly", None)]),
        ("全市算力总规模达到8EFLOPS，存储规模达到50PB。",
         [("算力总规模", 8, "EFLOPS", "exactly", None), ("存储规模", 50, "PB", "exactly", None)]),
        ("智能算力规模达到 300PFLOPS 以上。", [("智能算力规模", 300, "PFLOPS", "at_least", None)]),
        ("数据存储容量达到 20EB。", [("数据存储容量", 20, "EB", "exactly", None)]),
        ("城区家庭宽带接入速率达到1000Mbps以上。", [("家庭宽带接入速率", 1000, "Mbps", "at_least", None)]),
        ("骨干网出口带宽达到40Tbps。", [("骨干网出口带宽", 40, "Tbps", "exactly", None)]),
        ("到2026年，园区万兆接入能力达到10Gbps。",
         [("园区万兆接入能力", 10, "Gbps", "exactly", 2026)]),
    ],
)
def test_computing_and_data_units(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("按每百户不低于20平方米配建养老服务设施。", [("养老服务设施", 20, "平方米", "at_least", None)]),
        ("新建小区按照每百户不低于 25 平方米配建养老服务用房。",
         [("新建小区养老服务用房", 25, "平方米", "at_least", None)]),
        ("老旧小区按每百户15平方米标准补建养老服务设施。", [("老旧小区养老服务设施", 15, "平方米", "exactly", None)]),
        ("新建居住区按照每百户30平方米的标准配建社区综合服务用房。",
         [("新建居住区社区综合服务用房", 30, "平方米", "exactly", None)]),
    ],
)
def test_an_area_per_household_before_a_verb_of_building(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("扩种油菜3.5万亩。", [("扩种油菜", 3.5, "万亩", "exactly", None)]),
        ("扩种大豆 2万亩、玉米5万亩。",
         [("扩种大豆", 2, "万亩", "exactly", None), ("玉米", 5, "万亩", "exactly", None)]),
        ("定向培养农村订单医学生 80 名。", [("农村订单医学生", 80, "名", "exactly", None)]),
        ("定向培养本科师范生150名。", [("本科师范生", 150, "名", "exactly", None)]),
        ("培养不少于150名乡村医生。", [("乡村医生", 150, "名", "at_least", None)]),
        ("聘请50名社会监督员。", [("社会监督员", 50, "名", "exactly", None)]),
        ("聘请不少于30名法律顾问。", [("法律顾问", 30, "名", "at_least", None)]),
        ("聘请特约监督员120名，", [("特约监督员", 120, "名", "exactly", None)]),
        ("每年入户走访留守老人800户次。", [("入户走访留守老人", 800, "户次", "exactly", None)]),
    ],
)
def test_goal_verbs_of_sowing_training_hiring_and_visits(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("不动产登记办理时间压缩至1个工作日。", [("不动产登记办理时间", 1, "个工作日", "at_most", None)]),
        ("工程建设项目审批时间压减至 15 个工作日.", [("工程建设项目审批时间", 15, "个工作日", "at_most", None)]),
        ("企业开办时间压减至 2 个工作日以内。", [("企业开办时间", 2, "个工作日", "at_most", None)]),
        ("施工许可审批时间缩短至5天。", [("施工许可审批时间", 5, "天", "at_most", None)]),
        ("到2025年，电力接入时间压缩到 20 天。", [("电力接入时间", 20, "天", "at_most", 2025)]),
        # a level reached that is no cut stays a level
        ("天然气储备能力达到15天。", [("天然气储备能力", 15, "天", "exactly", None)]),
    ],
)
def test_a_time_cut_down_to_is_a_ceiling(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推动18个村庄污水管网接入城镇管网。", [("村庄污水管网接入城镇管网", 18, "个", "exactly", None)]),
        ("推动 25 个行政村生活污水管网接入市政管网，提升收集率。",
         [("行政村生活污水管网接入市政管网", 25, "个", "exactly", None)]),
        ("推进12个老旧小区雨污分流改造。", [("老旧小区雨污分流改造", 12, "个", "exactly", None)]),
    ],
)
def test_a_count_whose_noun_is_the_subject_of_the_clause(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "对符合条件的企业给予最高50万元补贴。",
        "按每户2000元标准发放补助资金。",
        "按每户2000元给予补贴。",
        "对获评的企业一次性奖励20万元。",
        "公布第3批试点名单。",
        "开展第5对结对帮扶。",
        "本办法自2024年3月15日起施行。",
        "联系电话：0791-86123456。",
        "咨询电话 12345。",
        "根据江政办〔2024〕5号文件要求。",
        "依据本条例第12条规定。",
        "本次共检查企业30家。",
        "一对一帮扶困难学生。",
        "构建一核两翼发展格局。",
        "推进1对1结对帮扶。",
        "5个对口帮扶县全部脱贫。",
        "坚持3个对接机制。",
        "完善2个核心功能区。",
        "优化3个架构层次。",
        "5G基站覆盖全部乡镇。",
        "截至2023年底，已累计检查企业8000家次。",
        "目前已建成标准机架2万架。",
        "企业开办5个工作日内完成。",
    ],
)
def test_not_a_target(text):
    assert found(text) == []
