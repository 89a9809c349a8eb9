"""Cited documents: 《titles》, document numbers (damaged ones too), standards."""
import pytest

from policykit.extract.citations import DOC_NUMBER, STANDARD, find_citations, normalize_doc_number


def found(text):
    return [(c.title, c.doc_number) for c in find_citations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A title alone, and with its number in the parenthesis after it
        ("严格执行《城镇燃气管理条例》，加强安全监管。", [("城镇燃气管理条例", None)]),
        (
            "根据《国务院关于加快推进生态文明建设的意见》（国发〔2015〕12号），结合本省实际，制定本方案。",
            [("国务院关于加快推进生态文明建设的意见", "国发〔2015〕12号")],
        ),
        # Several titles in a row, with and without 、
        (
            "落实《数据安全法》《个人信息保护法》、《关键信息基础设施安全保护条例》等法律法规。",
            [("数据安全法", None), ("个人信息保护法", None), ("关键信息基础设施安全保护条例", None)],
        ),
        # Inner titles stay inside the outer one: 〈〉, <>, ＜＞ and 《》
        (
            "按照《国务院批转发展改革委〈关于深化收入分配制度改革的若干意见〉的通知》（国发〔2013〕6号）要求，",
            [("国务院批转发展改革委〈关于深化收入分配制度改革的若干意见〉的通知", "国发〔2013〕6号")],
        ),
        (
            "根据《省财政厅关于印发<省级专项资金管理办法>的通知》（财预〔2019〕8号），",
            [("省财政厅关于印发<省级专项资金管理办法>的通知", "财预〔2019〕8号")],
        ),
        (
            "依据《市政府关于印发《城市更新行动方案》的通知》（市政发〔2021〕3号）精神，",
            [("市政府关于印发《城市更新行动方案》的通知", "市政发〔2021〕3号")],
        ),
        # Brackets and quotes inside a title are kept
        ("修订《高新技术产业开发区（园区）评价办法》。", [("高新技术产业开发区（园区）评价办法", None)]),
        ("贯彻《“十四五”循环经济发展规划》有关要求。", [("“十四五”循环经济发展规划", None)]),
        ("参照《城乡建设领域碳达峰实施方案（2022—2030年）》执行。", [("城乡建设领域碳达峰实施方案（2022—2030年）", None)]),
        # Damaged numbers after a title
        ("按照《科技创新券管理办法》（晋科函〔201252），", [("科技创新券管理办法", "晋科函〔2012〕52号")]),
        ("按照《科技创新券管理办法》（晋科函〔201252)，", [("科技创新券管理办法", "晋科函〔2012〕52号")]),
        ("贯彻《全民创业行动意见》（忻政发〔20152）文件精神，", [("全民创业行动意见", "忻政发〔2015〕2号")]),
        ("落实《行动计划的通知》（晋政办发201519号）精神，", [("行动计划的通知", "晋政办发〔2015〕19号")]),
        ("落实《信息公开的意见》（国发〔20146号），", [("信息公开的意见", "国发〔2014〕6号")]),
        ("执行《商标认定办法》（晋工商商标字200155号），", [("商标认定办法", "晋工商商标字〔2001〕55号")]),
        ("根据《无废城市试点方案》（国办发[2018]128号），", [("无废城市试点方案", "国办发〔2018〕128号")]),
        ("根据《无废城市试点方案》（国办发（2018）128号），", [("无废城市试点方案", "国办发〔2018〕128号")]),
        # The number broken over lines by PDF extraction, and a title broken too
        ("根据《关于科学绿化的指导意见》\n（国\n办发〔2021〕19号），", [("关于科学绿化的指导意见", "国办发〔2021〕19号")]),
        ("依托《全国重要生态系统\n保护和修复重大工程总体规划》，", [("全国重要生态系统保护和修复重大工程总体规划", None)]),
        # A parenthesis that holds more than the number
        (
            "根据《残疾人两项补贴制度的意见》（国发〔2015〕52号，以下简称《国务院意见》）制定。",
            [("残疾人两项补贴制度的意见", "国发〔2015〕52号"), ("国务院意见", None)],
        ),
        # A parenthesis that holds no number is not part of the citation
        ("依据《专利实施和保护条例》（2014年11月28日修订），", [("专利实施和保护条例", None)]),
        ("填写《信息联络员登记表》（见附件1）。", [("信息联络员登记表", None)]),
        # Orders keep their own form
        ("严格执行《驰名商标认定和保护规定》（国家工商行政管理总局令第66号）。", [("驰名商标认定和保护规定", "国家工商行政管理总局令第66号")]),
        (
            "贯彻《展会知识产权保护办法》（商务部、国家版权局令2006〕第1号）等文件精神，",
            [("展会知识产权保护办法", "商务部、国家版权局令〔2006〕第1号")],
        ),
        ("根据《清洁生产审核办法》（国家发展改革委、环境保护部第38号令）的有关规定，", [("清洁生产审核办法", "国家发展改革委、环境保护部第38号令")]),
        # Standards: in a title's parenthesis, and bare in the text
        ("深入贯彻《企业知识产权管理规范》（GB/T29490-2013），", [("企业知识产权管理规范", "GB/T 29490-2013")]),
        ("按照《医疗机构水污染物排放标准》（GB 18466）相关规定，", [("医疗机构水污染物排放标准", "GB 18466")]),
        ("新建建筑应按照GB/T50378、GB/T 50878要求设计。", [(None, "GB/T 50378"), (None, "GB/T 50878")]),
        ("执行GB 50189-2015和DB11/T 1234-2020的规定。", [(None, "GB 50189-2015"), (None, "DB11/T 1234-2020")]),
        # A standard code before or after its 《title》 is one citation (a space between or not)
        ("企业按照 GB/T 12345《数字乡村服务规范》开展认证。", [("数字乡村服务规范", "GB/T 12345")]),
        ("严格执行GB 50189-2015《公共建筑节能设计标准》。", [("公共建筑节能设计标准", "GB 50189-2015")]),
        ("参照《农村生活污水处理设施运行维护规范》DB11/T 1234-2020执行。", [("农村生活污水处理设施运行维护规范", "DB11/T 1234-2020")]),
        (
            "执行GB/T 31000《甲规范》、GB/T 32000《乙规范》。",
            [("甲规范", "GB/T 31000"), ("乙规范", "GB/T 32000")],
        ),
        (
            "执行《甲规范》GB/T 31000、《乙规范》GB/T 32000。",
            [("甲规范", "GB/T 31000"), ("乙规范", "GB/T 32000")],
        ),
        # …but a code standing apart, or a title with its own number, keeps them two
        ("按照GB/T 12345要求，落实《数字乡村服务规范》。", [(None, "GB/T 12345"), ("数字乡村服务规范", None)]),
        ("依据GB 18466《排放标准》（GB 18466-2005）执行。", [(None, "GB 18466"), ("排放标准", "GB 18466-2005")]),
        # Bare numbers that stand for a document
        ("按照国发〔2014〕6号文件要求，", [(None, "国发〔2014〕6号")]),
        ("认真落实国办发〔2019〕5号文件精神。", [(None, "国办发〔2019〕5号")]),
        ("根据晋政办发201519号要求，", [(None, "晋政办发〔2015〕19号")]),
        # Not citations
        ("在《人民日报》《求是》杂志发表文章，", []),
        ("通过《新闻联播》和《焦点访谈》栏目宣传。", []),
        ("国务院关于促进光伏产业健康发展的若干意见\n国发〔2013〕24号\n各省、自治区、直辖市人民政府：", []),
        ("《未闭合的书名号，后面是一句话。然后是《正常的管理办法》。", [("正常的管理办法", None)]),
        ("没有引用的普通句子，2020年底前完成。", []),
    ],
)
def test_find_citations(text, expected):
    assert found(text) == expected


def test_span_covers_title_and_number_parenthesis():
    text = "为贯彻落实《国家知识产权战略纲要》（国发〔200818号）等政策措施，"
    (c,) = find_citations(text)
    assert text[c.start:c.end] == "《国家知识产权战略纲要》（国发〔200818号）"
    assert c.doc_number == "国发〔2008〕18号"
    assert c.repaired and "国发〔200818号" in c.repaired


def test_span_of_an_unclosed_number_parenthesis_ends_with_the_number():
    text = "贯彻落实《国家知识产权战略纲要》（国发〔2008〕18号等政策措施\n下一段"
    (c,) = find_citations(text)
    assert text[c.start:c.end] == "《国家知识产权战略纲要》（国发〔2008〕18号"


def test_span_of_a_title_without_number():
    text = "落实《政府信息公开条例》（见附件）"
    (c,) = find_citations(text)
    assert text[c.start:c.end] == "《政府信息公开条例》"
    assert c.repaired is None


def test_span_of_a_bare_number_leaves_out_the_lead_in_verb():
    text = "按照国发〔2014〕6号文件要求"
    (c,) = find_citations(text)
    assert text[c.start:c.end] == "国发〔2014〕6号"


def test_span_of_a_standard_before_its_title_covers_both():
    text = "企业按照GB/T 12345《数字乡村服务规范》开展"
    (c,) = find_citations(text)
    assert text[c.start:c.end] == "GB/T 12345《数字乡村服务规范》"


def test_citations_come_in_text_order():
    text = "按照GB/T 50378设计，执行《绿色建筑评价标准》，落实国发〔2014〕6号文件。"
    assert [c.doc_number or c.title for c in find_citations(text)] == ["GB/T 50378", "绿色建筑评价标准", "国发〔2014〕6号"]


@pytest.mark.parametrize(
    ("raw", "number", "repaired"),
    [
        ("国发〔2014〕6号", "国发〔2014〕6号", False),
        ("（国发〔2021〕33号）", "国发〔2021〕33号", False),
        ("国知办发管字〔2014〕25号", "国知办发管字〔2014〕25号", False),
        ("晋政办发201519号", "晋政办发〔2015〕19号", True),
        ("国发〔20146号", "国发〔2014〕6号", True),
        ("晋科函〔201252)", "晋科函〔2012〕52号", True),
        ("晋科函〔201252）", "晋科函〔2012〕52号", True),
        ("国办发[2018]12号", "国办发〔2018〕12号", True),
        ("国办发（2018）12号", "国办发〔2018〕12号", True),
        ("国办发【2018】12号", "国办发〔2018〕12号", True),
        ("国家工商行政管理总局令第66号", "国家工商行政管理总局令第66号", False),
        ("国家发展和改革委员会令第1号", "国家发展和改革委员会令第1号", False),
        ("中华人民共和国商务部令2006年第1号", "中华人民共和国商务部令2006年第1号", False),
        ("商务部、国家版权局令2006〕第1号", "商务部、国家版权局令〔2006〕第1号", True),
        ("国家发展改革委公告2019年第3号", "国家发展改革委公告2019年第3号", False),
        ("GB/T29490-2013", "GB/T 29490-2013", False),
        ("GB/T 29490-2013", "GB/T 29490-2013", False),
        ("HJ 2029", "HJ 2029", False),
        ("2015年7月30日", None, False),
        ("第十四个五年规划", None, False),
        ("20141128", None, False),
    ],
)
def test_normalize_doc_number(raw, number, repaired):
    got, message = normalize_doc_number(raw)
    assert got == number
    assert bool(message) == repaired


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("国发〔2019〕3号", "国发〔2019〕3号"),
        ("（苏政办发〔2021〕105号）", "苏政办发〔2021〕105号"),
        ("关于印发节能减排综合工作方案的通知（国发〔2021〕33号）", "国发〔2021〕33号"),
        ("国务院关于促进光伏产业健康发展的若干意见国发〔2013〕24号各省、自治区", "国发〔2013〕24号"),
        ("晋政办发201519号", "晋政办发〔2015〕19号"),
        ("（晋科函〔201252）", "晋科函〔2012〕52号"),
        ("（国\n办发〔2021〕19号）", "国办发〔2021〕19号"),
    ],
)
def test_doc_number_finds_a_documents_own_number_in_its_header(line, number):
    m = DOC_NUMBER.search(line)
    assert m and normalize_doc_number(m.group())[0] == number


def test_standard_needs_a_known_code():
    assert STANDARD.search("WTO 2020") is None
    assert STANDARD.search("5G 1000") is None


@pytest.mark.parametrize(
    "text",
    ["《" * 1_000_000, "》" * 1_000_000, "1" * 1_000_000, "国" * 1_000_000, ("《" + "国" * 149) * 7_000, "《国发〔2014" * 100_000],
    ids=["open-brackets", "close-brackets", "digits", "chinese", "unclosed-titles", "damaged-numbers"],
)
def test_a_megabyte_of_one_pattern_is_read_quickly(text):
    assert find_citations(text) == []
    normalize_doc_number(text)


def test_many_citations_are_read_in_linear_time():
    text = "《管理办法》（国发〔2014〕6号）、GB 50189、按照国发〔2015〕7号文件" * 10_000
    assert len(find_citations(text)) == 30_000
