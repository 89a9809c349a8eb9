"""Document metadata: title, document number, addressees, issuer and date."""
import pytest

from policykit.extract.metadata import extract_metadata
from policykit.normalize import normalize
from policykit.outline import parse


def read(source):
    """(normalised text, metadata) the way the pipeline reads a document."""
    text = normalize(source).text
    roots = parse(text)
    return text, extract_metadata(text, roots[0].start if roots else len(text))


def meta(source):
    return read(source)[1]


def spanned(source, field):
    text, found = read(source)
    start, end = getattr(found, f"{field}_span")
    return text[start:end]


# A State Council opinion: title over two lines, number, addressees, signature.
STATE_COUNCIL = (
    "国务院关于促进综合保税区\n"
    "高水平开放高质量发展的若干意见\n"
    "国发〔2019〕3号\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "综合保税区是开放型经济的重要平台。现提出如下意见。\n"
    "一、总体要求\n"
    "（一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n"
    "国务院\n"
    "2019年1月12日\n"
    "（此件公开发布）\n"
)

# A city implementation opinion as scraped: no title, half-width punctuation, damaged date.
SCRAPED = (
    "各县(市、区)人民政府,市人民政府各委、局、办:\n\n"
    "为了贯彻落实有关精神,结合我市实际,制订本实施意见。\n\n"
    "一、总体要求\n\n正文。\n\n"
    "                  忻州市人民政府办公厅     \n\n"
    "                    2015730       \n\n"
    "(此件公开发布)\n\n"
    "扫一扫在手机打开当前页面\n"
)


# ---------------------------------------------------------------- title


def test_a_title_broken_over_two_lines_is_joined():
    assert meta(STATE_COUNCIL).title == "国务院关于促进综合保税区高水平开放高质量发展的若干意见"


def test_the_title_span_covers_both_lines():
    assert spanned(STATE_COUNCIL, "title") == "国务院关于促进综合保税区\n高水平开放高质量发展的若干意见"


def test_a_document_that_starts_with_its_addressees_has_no_title():
    assert meta(SCRAPED).title is None


@pytest.mark.parametrize(
    ("source", "title"),
    [
        # A title printed twice and closed by its number
        (
            "国务院关于印发“十四五”节能减排综合工作方案的通知国务院关于印发“十四五”节能减排综合工作方案的通知（国发〔2021〕33 号）\n"
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现将方案印发给你们。\n一、总体要求",
            "国务院关于印发“十四五”节能减排综合工作方案的通知",
        ),
        # A title glued to its number and addressees on one line
        (
            "国务院办公厅关于加快发展养老服务业的意见国办发〔2013〕24号各省、自治区、直辖市人民政府，国务院各部委：为加快发展，提出以下意见。\n"
            "一、总体要求",
            "国务院办公厅关于加快发展养老服务业的意见",
        ),
        # A title glued to the preamble
        (
            "武汉市推动降碳及发展低碳产业工作方案为深入贯彻落实党中央、国务院决策部署，特制订本方案。\n一、总体目标\n正文。",
            "武汉市推动降碳及发展低碳产业工作方案",
        ),
        # A title after the number line
        (
            "明政办规〔2022〕2 号\n三明市人民政府办公室关于实施林业碳汇行动的通知\n各县（市、区）人民政府，市直各单位：\n正文。\n一、任务",
            "三明市人民政府办公室关于实施林业碳汇行动的通知",
        ),
        # A title glued to a date label
        ("关于加快发展的实施意见发布日期：2023-05-12\n一、总体要求\n正文。", "关于加快发展的实施意见"),
        # A web page: title, then the date and source line
        (
            "广州市困难残疾人生活补贴和重度残疾人护理补贴实施办法\n2022-11-16\t来源:\t广州市民政局\n【字号:\t大中小   】\n分享\n"
            "第一条 为做好补贴工作，制定本办法。",
            "广州市困难残疾人生活补贴和重度残疾人护理补贴实施办法",
        ),
    ],
)
def test_title(source, title):
    assert meta(source).title == title


# A 印发 notice whose own title line was not printed, followed by the plan.
NOTICE = (
    "京政数发〔2024〕7号\n"
    "各区人民政府，各相关委、办、局：\n"
    "经市政府同意，现将《北京市第三批场景工作方案》印发给你们，请认真组织落实。\n"
    "北京市政务服务和数据管理局\n"
    "（北京市政务服务管理局代章）\n"
    "2024年4月3日\n"
    "北京市第三批场景工作方案\n"
    "一、工作目标\n正文。"
)


def test_the_plan_title_after_a_notice_without_title_is_the_title():
    assert meta(NOTICE).title == "北京市第三批场景工作方案"


def test_a_plan_title_glued_to_its_preamble_after_the_notice_is_cut_off():
    source = (
        "各区人民政府，市政府各委、办、局：\n"
        "现将《天津市“十四五”节能减排工作实施方案》印发给你们，望遵照执行。\n"
        "天津市人民政府\n"
        "2022年5月8日\n"
        "天津市“十四五”节能减排工作实施方案为认真贯彻落实党中央、国务院决策部署，"
        "确保完成“十四五”节能减排目标任务，制定本方案。\n"
        "一、总体要求\n正文。"
    )
    assert meta(source).title == "天津市“十四五”节能减排工作实施方案"


def test_a_notice_title_wins_over_the_plan_title():
    source = (
        "天津市人民政府关于印发天津市\n“十四五”节能减排工作实施方案的通知\n"
        "各区人民政府，市政府各委、办、局：\n"
        "现将《天津市“十四五”节能减排工作实施方案》印发给你们，望遵照执行。\n"
        "天津市人民政府\n2022 年 5 月 8 日\n"
        "天津市“十四五”节能减排工作实施方案\n一、总体要求\n正文。"
    )
    assert meta(source).title == "天津市人民政府关于印发天津市“十四五”节能减排工作实施方案的通知"


# ---------------------------------------------------------------- document number


@pytest.mark.parametrize(
    ("source", "doc_number"),
    [
        (STATE_COUNCIL, "国发〔2019〕3号"),
        (NOTICE, "京政数发〔2024〕7号"),
        ("明政办规〔2022〕2 号\n三明市人民政府办公室关于实施林业碳汇行动的通知\n正文。", "明政办规〔2022〕2号"),
        ("省人民政府关于加快发展的意见（晋政发〔2015〕19号）\n各市人民政府：\n正文。", "晋政发〔2015〕19号"),
        (
            "国务院办公厅关于加快发展养老服务业的意见国办发〔2013〕24号各省、自治区、直辖市人民政府：为加快发展，提出以下意见。",
            "国办发〔2013〕24号",
        ),
        ("省人民政府关于加快发展的意见\n晋政发[2015]19号\n各市人民政府：\n正文。", "晋政发〔2015〕19号"),
        (SCRAPED, None),
    ],
)
def test_doc_number(source, doc_number):
    assert meta(source).doc_number == doc_number


def test_the_doc_number_span_points_at_the_number_line():
    assert spanned(STATE_COUNCIL, "doc_number") == "国发〔2019〕3号"


def test_a_damaged_doc_number_is_repaired_and_reported():
    source = "省人民政府关于加快发展的意见\n晋政发201519号\n各市人民政府：\n正文。"
    found = meta(source)
    assert found.doc_number == "晋政发〔2015〕19号"
    assert [w.code for w in found.warnings] == ["repaired_doc_number"]
    assert spanned(source, "doc_number") == "晋政发201519号"


def test_a_number_cited_in_the_preamble_is_not_the_doc_number():
    source = "关于加快发展的实施意见\n为贯彻落实《行动计划的通知》（晋政办发〔2015〕19号）精神，制定本意见。\n一、总体要求"
    assert meta(source).doc_number is None


# ---------------------------------------------------------------- addressees


@pytest.mark.parametrize(
    ("source", "addressees"),
    [
        (STATE_COUNCIL, ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]),
        (SCRAPED, ["各县（市、区）人民政府", "市人民政府各委、局、办"]),
        (NOTICE, ["各区人民政府", "各相关委、办、局"]),
        ("关于印发招生工作方案的通知\n各幼儿园：\n现将方案印发给你们。", ["各幼儿园"]),
        ("武汉市推动降碳及发展低碳产业工作方案为深入贯彻落实党中央决策部署，特制订本方案。\n一、总体目标", []),
    ],
)
def test_addressees(source, addressees):
    assert meta(source).addressees == addressees


def test_the_addressee_span_is_the_addressee_line():
    assert spanned(SCRAPED, "addressees") == "各县（市、区）人民政府，市人民政府各委、局、办："


def test_an_assignment_label_line_is_no_addressee_line():
    source = "关于加快发展的实施意见\n牵头单位：\n正文。"
    assert meta(source).addressees == []


# ---------------------------------------------------------------- issuer and date


@pytest.mark.parametrize(
    ("source", "issuer", "date"),
    [
        (STATE_COUNCIL, "国务院", "2019-01-12"),
        (SCRAPED, "忻州市人民政府办公厅", "2015-07-30"),
        # A seal line between the signature and the date
        (NOTICE, "北京市政务服务和数据管理局", "2024-04-03"),
        # Spaced dates, 印发 after the date
        ("正文。\n天津市人民政府\n2022 年 5 月 8 日\n（此件公开发布）", "天津市人民政府", "2022-05-08"),
        ("正文。\n三明市人民政府办公室\n2022 年 6 月 1 日印发", "三明市人民政府办公室", "2022-06-01"),
        # Chinese numerals
        ("正文。\n某市人民政府\n二〇二一年三月二日", "某市人民政府", "2021-03-02"),
        # A name broken over two lines
        ("正文。\n江苏省人民政府办公\n厅\n2021年3月2日", "江苏省人民政府办公厅", "2021-03-02"),
        # Joint issuers, one a line
        ("正文。\n市发展改革委\n市财政局\n2021年3月2日", "市发展改革委 市财政局", "2021-03-02"),
        # A web page: date at the top, issuer after 来源
        (
            "广州市困难残疾人生活补贴和重度残疾人护理补贴实施办法\n2022-11-16\t来源:\t广州市民政局\n"
            "第一条 为做好补贴工作，制定本办法。",
            "广州市民政局",
            "2022-11-16",
        ),
        # A date label
        ("关于加快发展的实施意见\n成文日期：2021年03月02日\n一、任务", None, "2021-03-02"),
    ],
)
def test_issuer_and_date(source, issuer, date):
    found = meta(source)
    assert (found.issuer, found.date) == (issuer, date)


def test_the_issuer_and_date_spans_point_at_the_signature():
    assert spanned(SCRAPED, "issuer") == "忻州市人民政府办公厅"
    assert spanned(SCRAPED, "date") == "2015730"


def test_a_damaged_date_is_repaired_and_reported():
    found = meta(SCRAPED)
    assert found.date == "2015-07-30"
    assert [w.code for w in found.warnings] == ["repaired_date"]


def test_a_whole_date_is_no_repair():
    assert meta(STATE_COUNCIL).warnings == []


def test_without_a_signature_the_issuer_is_read_from_the_title():
    source = (
        "国务院关于印发“十四五”节能减排综合工作方案的通知（国发〔2021〕33 号）\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现将方案印发给你们。\n一、总体要求\n正文。"
    )
    found = meta(source)
    assert (found.issuer, found.date) == ("国务院", None)


def test_a_document_without_metadata_gives_nothing():
    found = meta("一、重点任务\n（一）加强组织领导。建立联席会议制度。")
    assert (found.title, found.doc_number, found.issuer, found.date, found.addressees) == (None, None, None, None, [])


def test_the_date_after_a_date_label_glued_to_the_title_is_read():
    assert meta("关于加快发展的实施意见发布日期：2023-05-12\n一、总体要求\n正文。").date == "2023-05-12"


def test_a_document_that_opens_with_a_heading_has_no_title():
    from policykit.extract.metadata import extract_metadata

    assert extract_metadata("一、工作措施\n加强管理。", 0).title is None


# ---------------------------------------------------------------- damaged heads (titles)


@pytest.mark.parametrize(
    ("source", "title"),
    [
        # The red header (版头) and the number above a title broken over two lines
        (
            "滨海市人民政府文件\n滨海府发〔2024〕12号\n滨海市人民政府关于印发滨海市\n城市更新行动方案的通知\n"
            "各区人民政府：\n现将方案印发给你们。\n一、总体要求",
            "滨海市人民政府关于印发滨海市城市更新行动方案的通知",
        ),
        # A gazette header, a title over two lines, its number glued to its end
        (
            "滨海市政府规章文件\n滨海市政府关于印发滨海市现代\n农业发展规划（2024—2028 年）的通知滨府发〔2024〕9 号\n"
            "各区政府，市直各单位：\n现将本规划发给你们。",
            "滨海市政府关于印发滨海市现代农业发展规划（2024—2028年）的通知",
        ),
        ("滨海市人民政府公报\n滨海市人民政府办公室关于加强河湖管理的意见\n各区政府：\n正文。", "滨海市人民政府办公室关于加强河湖管理的意见"),
        ("索引号：11500000/2024-00012\n滨海市关于做好防汛工作的通知\n各区政府：\n正文。", "滨海市关于做好防汛工作的通知"),
        # An annex label above the title, or in front of it
        ("附件2\n滨海市冷链物流补短板若干措施\n一、支持冷库建设。", "滨海市冷链物流补短板若干措施"),
        ("附件 1：滨海市冷链物流补短板若干措施\n一、支持冷库建设。", "滨海市冷链物流补短板若干措施"),
        # A news-style first line
        (
            "滨海市发布《滨海市海绵城市建设年度工作安排》\n市直有关部门：\n为加快建设，制定本安排。\n一、重点工作",
            "滨海市发布《滨海市海绵城市建设年度工作安排》",
        ),
        # The years or 试行 on the line after the title, half-width brackets too
        ("滨海市绿色制造行动方案\n(2024—2026 年)\n为贯彻落实部署，制定本方案。\n一、总体要求", "滨海市绿色制造行动方案（2024—2026年）"),
        ("滨海市公共数据管理办法\n（试行）\n第一条 为规范管理，制定本办法。", "滨海市公共数据管理办法（试行）"),
        # …but not the number in brackets on the line after it
        (
            "滨海市人民政府关于加快发展的实施意见\n（滨府发〔2024〕9号）\n各区人民政府：\n正文。",
            "滨海市人民政府关于加快发展的实施意见",
        ),
        # 《plan》 at the end of one line, 的通知 on the next
        (
            "滨海市发展改革委关于印发《滨海市节水行动方案》\n的通知\n滨发改〔2024〕3号\n各区发展改革局：\n正文。",
            "滨海市发展改革委关于印发《滨海市节水行动方案》的通知",
        ),
        # A title that is a 文件 but no organ's 版头
        ("滨海市2025年一号文件\n滨海市委、市政府近日印发一号文件，部署全年工作。\n一、稳定生产", "滨海市2025年一号文件"),
        # A notice whose own title line was not printed: the plan it issues
        (
            "滨政办〔2024〕3号\n各镇人民政府，区有关单位：\n现将《滨海区节能降碳若干支持措施》印发给你们，请认真执行。\n"
            "滨海区人民政府办公室\n2024年3月9日\n（此件公开发布）\n为推动节能降碳，制定本措施。\n一、支持节能改造",
            "滨海区节能降碳若干支持措施",
        ),
    ],
)
def test_title_in_a_damaged_head(source, title):
    assert meta(source).title == title


def test_a_header_line_is_left_out_of_the_title_span():
    source = "滨海市人民政府文件\n滨海市人民政府关于加强河湖管理的意见\n各区政府：\n正文。"
    assert spanned(source, "title") == "滨海市人民政府关于加强河湖管理的意见"


def test_the_number_glued_to_a_broken_title_is_the_doc_number():
    source = "滨海市政府规章文件\n滨海市政府关于印发滨海市现代\n农业发展规划的通知滨府发〔2024〕9 号\n各区政府：\n正文。"
    assert meta(source).doc_number == "滨府发〔2024〕9号"


# ---------------------------------------------------------------- the plan a notice wraps


@pytest.mark.parametrize(
    ("source", "plan_title"),
    [
        ("滨海市人民政府关于印发《滨海市城市更新行动方案》的通知\n各区人民政府：\n正文。", "滨海市城市更新行动方案"),
        ("滨海市人民政府关于印发滨海市城市更新行动方案的通知\n各区人民政府：\n正文。", "滨海市城市更新行动方案"),
        ("滨海市人民政府关于转发滨海市现代农业发展规划（2024—2028年）的通知\n各区政府：\n正文。", "滨海市现代农业发展规划（2024—2028年）"),
        ("滨海市人民政府印发关于加快绿色发展实施方案的通知\n各区政府：\n正文。", "关于加快绿色发展实施方案"),
        ("滨海市发布《滨海市海绵城市建设年度工作安排》\n市直有关部门：\n正文。\n一、重点工作", "滨海市海绵城市建设年度工作安排"),
        # The plan printed after the notice's signature, in its own words
        (
            "滨海市人民政府关于印发滨海市绿色金融支持行动实施方案的通知\n各区人民政府：\n现将方案印发给你们。\n"
            "滨海市人民政府\n2024年6月24日\n滨海市绿色金融支持行动的实施方案\n一、总体要求\n正文。",
            "滨海市绿色金融支持行动的实施方案",
        ),
        # …also when it is printed in 《》 after an annex label
        (
            "滨海市人民政府关于印发《滨海市节水行动方案》的通知\n各区人民政府：\n现将方案印发给你们。\n"
            "滨海市人民政府\n2024年6月24日\n附件：\n《滨海市节水行动方案》\n一、总体要求\n正文。",
            "滨海市节水行动方案",
        ),
        # Nothing wraps an opinion: its own title
        ("滨海市人民政府关于加快发展的实施意见\n各区人民政府：\n正文。", "滨海市人民政府关于加快发展的实施意见"),
        ("一、重点任务\n（一）加强组织领导。", None),
    ],
)
def test_plan_title(source, plan_title):
    assert meta(source).plan_title == plan_title


def test_a_plan_printed_under_another_name_is_not_taken_for_the_wrapped_one():
    source = (
        "滨海市人民政府关于印发滨海市节水行动方案的通知\n各区人民政府：\n现将方案印发给你们。\n"
        "滨海市人民政府\n2024年6月24日\n滨海市海绵城市建设规划\n一、总体要求\n正文。"
    )
    assert meta(source).plan_title == "滨海市节水行动方案"


# ---------------------------------------------------------------- joint and damaged signatures


@pytest.mark.parametrize(
    ("source", "issuer"),
    [
        # A name broken over two lines inside a joint signature
        ("正文。\n滨海市商务局\n滨海市交通运\n输局\n滨海市财政局\n2024 年 6 月 3 日", "滨海市商务局 滨海市交通运输局 滨海市财政局"),
        # A long joint signature: every organ, not the last few
        (
            "正文。\n" + "\n".join(["国家发展改革委", "科技部", "工业和信息化部", "民政部", "财政部", "自然资源部",
                                    "生态环境部", "住房和城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部"])
            + "\n2024年5月25日",
            "国家发展改革委 科技部 工业和信息化部 民政部 财政部 自然资源部 生态环境部 住房和城乡建设部 交通运输部 水利部 农业农村部 商务部",
        ),
        # A file name spliced into the block
        ("正文。\n滨海市商务局\n关于印发细则的通知.docx\n滨海市财政局\n2024年6月3日", "滨海市商务局 滨海市财政局"),
        # A body line that lost its full stop is not the head of a name
        ("持续提升建设水平\n滨海市住房和城乡建设局\n2024年1月5日", "滨海市住房和城乡建设局"),
    ],
)
def test_signature_issuer(source, issuer):
    assert meta(source).issuer == issuer


# ---------------------------------------------------------------- dates outside a signature block


@pytest.mark.parametrize(
    ("source", "issuer", "date"),
    [
        # Only the closing 印发 line of the 版记 dates it
        ("关于加强河湖管理的意见\n一、任务\n正文。\n抄送：市委办公室。\n滨海市人民政府办公室 2024年4月16日印发", None, "2024-04-16"),
        # A one-line document: the signature glued to the last sentence
        (
            "滨海市人民政府关于促进光伏产业发展的若干意见滨府发〔2024〕4号各区人民政府：为促进发展，提出以下意见：一、总体要求"
            "推动发展。滨海市人民政府2024年7月4日（此件有删减）",
            "滨海市人民政府",
            "2024-07-04",
        ),
        ("滨海市关于促进发展的意见各区人民政府：为促进发展，提出以下意见：一、总体要求推动发展。2024年7月4日", None, "2024-07-04"),
        # A sentence that ends with a date is no signature
        ("滨海市数据管理办法\n第一条 为规范管理，制定本办法。\n第九条 本办法自印发之日起施行。有效期至2028年12月31日", None, None),
        # A cover that gives only the month
        ("滨海市“十四五”海洋生态环境保护规划\n2022 年 04 月\n前\n言\n滨海是海洋大市。\n一、总体要求", None, "2022-04"),
        # A news lead, its year from the title or its own
        (
            "滨海市2025年一号文件\n滨海市2025年一号文件2月3日由滨海日报受权发布，部署全年工作。\n一、稳定生产\n正文。",
            None,
            "2025-02-03",
        ),
        ("滨海市节水行动方案\n滨海市政府2024年5月6日印发《滨海市节水行动方案》，部署节水工作。\n一、目标\n正文。", None, "2024-05-06"),
        # Lost 日, dots, spaces
        ("正文。\n滨海市人民政府\n2024年4月16", "滨海市人民政府", "2024-04-16"),
        ("正文。\n滨海市人民政府\n2024.4.16", "滨海市人民政府", "2024-04-16"),
        ("正文。\n滨海市人民政府\n2024 年 4 月 16 日", "滨海市人民政府", "2024-04-16"),
    ],
)
def test_date_outside_a_signature_block(source, issuer, date):
    found = meta(source)
    assert (found.issuer, found.date) == (issuer, date)


def test_the_json_document_carries_the_plan_title():
    import policykit

    doc = policykit.extract_text(
        "滨海市人民政府关于印发《滨海市节水行动方案》的通知\n各区人民政府：\n现将方案印发给你们。\n"
        "滨海市人民政府\n2024年6月24日\n一、重点任务\n（一）推进节水改造。改造老旧管网。（市水务局负责）\n"
    ).to_dict()["document"]
    assert (doc["title"], doc["plan_title"]) == ("滨海市人民政府关于印发《滨海市节水行动方案》的通知", "滨海市节水行动方案")


# ---------------------------------------------------------------- web pages and news


@pytest.mark.parametrize(
    ("source", "title", "issuer", "date"),
    [
        # A breadcrumb above the title
        (
            "当前位置：首页 > 政务公开 > 政策文件\n滨海市人民政府关于做好防汛工作的通知\n各区政府：\n正文。",
            "滨海市人民政府关于做好防汛工作的通知", "滨海市人民政府", None,
        ),
        (
            "首页>政务公开>文件库\n滨海市人民政府关于做好防汛工作的通知\n各区政府：\n正文。",
            "滨海市人民政府关于做好防汛工作的通知", "滨海市人民政府", None,
        ),
        # A labelled title and a fact line with the organ and the date
        (
            "标题：滨海市关于加强河湖管理的通知\n发布机构：滨海市水务局　发布日期：2024-06-03\n各区水务局：\n正文。",
            "滨海市关于加强河湖管理的通知",
            "滨海市水务局",
            "2024-06-03",
        ),
        # A news headline without a document word, a paragraph after it
        (
            "滨海市出台十条措施支持冷链物流发展\n近日，滨海市政府印发措施，从冷库建设、运输补贴等方面支持冷链物流发展。\n一、支持冷库建设",
            "滨海市出台十条措施支持冷链物流发展",
            None,
            None,
        ),
        # …but an organ's name, or a line before the addressees, is no headline
        ("滨海市商务局\n为加快发展冷链物流，现提出如下措施。\n一、支持冷库建设", None, None, None),
        ("滨海市冷链物流发展\n各区商务局：\n为加快发展，现提出如下措施。\n一、支持冷库建设", None, None, None),
        # The organ and the date on one line, joint organs whose spaces were lost
        ("滨海市关于加快发展的意见\n一、任务\n正文。\n滨海市人民政府　　　2024年6月3日\n", "滨海市关于加快发展的意见", "滨海市人民政府", "2024-06-03"),
        (
            "关于加快发展的意见\n一、任务\n正文。\n滨海市商务局  滨海市财政局  二〇二四年六月三日\n",
            "关于加快发展的意见",
            "滨海市商务局 滨海市财政局",
            "2024-06-03",
        ),
    ],
)
def test_web_page_and_news_heads(source, title, issuer, date):
    found = meta(source)
    assert (found.title, found.issuer, found.date) == (title, issuer, date)
