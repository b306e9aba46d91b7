"""Structure: headline, lead, sections, numbered items, paragraphs and sentences."""

from __future__ import annotations

import pytest

import edu_helpers
from edu_helpers.text import structure as S


def test_bundled_headline(report):
    assert report.title == "2023年全国教育工作会议"
    assert report.subtitles == ("加快建设高质量教育体系", "办好人民满意的教育")


def test_bundled_sections_and_items(report):
    sections = [[report.paragraph(pid).item for pid in s.paragraph_ids] for s in report.section_records]
    assert sections == [
        [None],  # lead
        [None],  # 会议指出 (2022)
        [None, 1, 2, 3, 4],  # 会议强调 + 一要…四要
        [None, 1, 2, 3, 4, 5, 6, 7],  # 会议指出 (2023) + 一是…七是
        [None],  # 会议要求
        [None],  # attendance
    ]
    assert [s.kind for s in report.section_records] == ["lead", "cue", "cue", "cue", "cue", "attendance"]
    assert [s.cue for s in report.section_records] == [None, "会议指出", "会议强调", "会议指出", "会议要求", None]
    assert len(report.paragraph_records) == 17


def test_bundled_items_open_with_their_numbers(report):
    items = report.paragraphs.dropna(subset=["item"])
    openers = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七"}
    for _, row in items.iterrows():
        assert row.text[0] == openers[row["item"]]
        assert row.text[1] in "要是"


def test_bundled_section_titles(report):
    assert list(report.sections.title) == [
        "导语",
        "2022年工作回顾",
        "四个“深刻认识”",
        "2023年重点任务",
        "工作要求",
        "参会人员",
    ]


def test_ids_and_offsets(report):
    assert list(report.paragraphs.id) == [f"p{n:02d}" for n in range(1, 18)]
    for p in report.paragraph_records:
        assert report.text[p.start : p.end] == p.text
        assert "".join(s.text for s in p.sentences) == p.text
        for s in p.sentences:
            assert report.text[s.start : s.end] == s.text
            assert s.id.startswith(p.id + "-s")
    assert report.sentences.id.is_unique


def test_dataframe_columns(report):
    assert {"id", "section", "item", "text", "start", "end"} <= set(report.paragraphs.columns)
    assert {"id", "paragraph_id", "text", "start", "end"} <= set(report.sentences.columns)
    assert {"section", "title", "n_paragraphs"} <= set(report.sections.columns)


def test_second_report_structure():
    doc = edu_helpers.load_document("tests/data/second-report.txt")
    assert doc.title == "2024年全省职业教育工作会议"
    assert doc.subtitles == ("推动职业教育提质增效",)
    assert [s.cue for s in doc.section_records] == [None, "会议认为", "会议部署", None]
    assert [s.kind for s in doc.section_records] == ["lead", "cue", "cue", "attendance"]
    assert [p.item for p in doc.paragraph_records] == [None, None, None, 1, 2, 3, None]
    assert "5G实训基地" in doc.text and "开设Open Source课程" in doc.text
    assert "—" not in doc.text  # the page footer is gone
    # generic titles: cue plus first clause
    assert doc.sections.title[2] == "会议部署：2024年要重点抓好以下工作"
    assert doc.sections.title[0] == "导语" and doc.sections.title[3] == "参会人员"


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("一是加强。二是推进！三是落实？", ["一是加强。", "二是推进！", "三是落实？"]),
        ("突出“普惠发展”，继续把“双减”摆在突出位置来抓。", ["突出“普惠发展”，继续把“双减”摆在突出位置来抓。"]),
        ("他说：“要落实。”会议结束。", ["他说：“要落实。”", "会议结束。"]),
        ("加强党的建设；推进改革。", ["加强党的建设；推进改革。"]),  # the semicolon does not split
        ("教育强国（试点）。下一句", ["教育强国（试点）。", "下一句"]),
        ("没有句号", ["没有句号"]),
    ],
)
def test_split_sentences(text, sentences):
    assert [text[a:b] for a, b in S.split_sentences(text)] == sentences


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一是坚定不移", 1),
        ("七是不断深化", 7),
        ("四要深刻认识", 4),
        ("第二，推进", 2),
        ("第十二、加强", 12),
        ("（三）加快", 3),
        ("(4)加快", 4),
        ("5. 完善", 5),
        ("5.5%的增长", None),
        ("一要", 1),
        ("会议要求", None),
        ("一年来，教育系统", None),
    ],
)
def test_item_number(text, number):
    assert S.item_number(text) == number


@pytest.mark.parametrize(
    ("kind", "cue", "text", "title"),
    [
        ("cue", "会议认为", "会议认为，过去一年成效明显。", "会议认为：过去一年成效明显"),
        ("lead", None, "3月8日，会议召开。", "导语"),
        ("attendance", None, "各单位参加会议。", "参会人员"),
        # cut at a word boundary (after 很长 × 7), not inside the word 很长
        ("cue", "会议强调", "会议强调，" + "很长" * 20 + "。", "会议强调：" + "很长" * 7 + "…"),
    ],
)
def test_generic_title(kind, cue, text, title):
    assert S.generic_title(kind, cue, text) == title


def test_attendance_only_when_closing():
    doc = edu_helpers.document_from_text(
        "标题\n某日，会议召开，部长出席会议并讲话。\n会议指出，要加强。\n会议要求，要落实。\n"
    )
    assert [s.kind for s in doc.section_records] == ["lead", "cue", "cue"]


def test_body_without_cue_stays_in_section():
    doc = edu_helpers.document_from_text("标题\n导语内容，很好。\n会议指出，要加强。\n补充一段，继续说明。\n")
    assert [p.section for p in doc.paragraph_records] == [0, 1, 1]


def test_paragraph_at(report):
    assert report.paragraph_at(0) is None  # the headline
    for p in report.paragraph_records:
        assert report.paragraph_at(p.start) is p
        assert report.paragraph_at(p.end - 1) is p
    assert report.paragraph_at(len(report.text) + 10) is None


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("划重点！全市教育工作这样干", True),
        ("定了？全区新增学位两千个", True),
        ("会议要求，全系统要真抓实干", False),
        ("要真抓实干！确保落地见效！", False),  # a second exclamation: sentences
        ("加油！", False),  # nothing after the exclamation
    ],
)
def test_headline_that_opens_with_an_exclamation(line, headline):
    assert S.is_headline(line) is headline


def test_a_numbered_run_after_a_plain_sentence_is_a_list():
    lines = [
        "某市教育工作会议召开",
        "2月9日，全市教育工作会议召开。",
        "一、去年工作回顾",
        "过去一年，全市教育事业取得新进展。",
    ]
    lines += ["1.新增学位五千个；", "2.建成示范校二十所；", "3.教师培训全覆盖。", "全市学校面貌一新，群众满意度提高。"]
    lines += ["1.这一行没有第二项，不是条目。", "各校负责同志参加会议。"]
    s = S.build("\n".join(lines))
    assert [p.item for p in s.paragraphs][3:] == [1, 2, 3, None, None, None]


def test_a_bracketed_date_under_the_headline_is_a_subtitle():
    # Word's Title style gave the headline as one line; the date under it is not section 0's title
    text = "全市教育工作会议召开\n（2025年2月10日）\n2月9日，全市教育工作会议召开。\n会议要求，抓好落实。"
    s = S.build(text, headline=1)
    assert s.title == "全市教育工作会议召开" and s.subtitles == ("（2025年2月10日）",)
    assert s.paragraphs[0].text == "2月9日，全市教育工作会议召开。"


def test_an_official_notice_masthead_signature_and_items_counted_on_across_headings():
    # a 通知 sending out a year's 工作要点: masthead and document number above the title, the issuer and the
    # date under the covering note, then items numbered 1, 2, 3 … on through the parts
    lines = [
        "某县教育局文件",
        "某教字〔2026〕7号",
        "关于印发《2026年全县教育工作要点》的通知",
        "各乡镇中心校，县直各学校：",
        "现将《2026年全县教育工作要点》印发给你们，请认真抓好落实。",
        "某县教育局",
        "2026年1月6日",
        "2026年全县教育工作要点",
        "一、落实立德树人根本任务",
        "1.推进思政课改革创新。",
        "2.加强劳动教育。",
        "二、办好人民满意的学校",
        "3.优化义务教育学校布局。",
        "4.扩大普惠性学前教育资源。",
    ]
    s = S.build("\n".join(lines))
    assert s.title == "关于印发《2026年全县教育工作要点》的通知"
    assert s.subtitles[:2] == ("某县教育局文件", "某教字〔2026〕7号")
    kinds = [(p.text[:6], p.kind, p.section, p.item) for p in s.paragraphs]
    assert kinds[2:4] == [("某县教育局", "body", 0, None), ("2026年1", "body", 0, None)]  # the signature
    assert [p.item for p in s.paragraphs if p.text[0].isdigit() and "." in p.text[:3]] == [1, 2, 3, 4]
    assert [x.title for x in s.sections] == [
        "导语",
        "2026年全县教育工作要点",
        "一、落实立德树人根本任务",
        "二、办好人民满意的学校",
    ]


def test_a_date_alone_on_a_line_is_not_a_sub_heading_but_a_dated_heading_is():
    s = S.build("某市召开会议\n3月1日，会议召开。\n2026年3月1日\n二、2026年3月工作安排\n会议要求，抓好落实。")
    assert [p.kind for p in s.paragraphs] == ["lead", "body", "heading", "cue"]


def test_an_attachment_note_and_its_numbered_names_close_the_last_part():
    lines = ["某区工作要点", "今年的总体思路是加快建设教育强区。", "一、坚持党建引领", "（一）加强思想政治建设。"]
    lines += ["附件：1.重点任务分工表", "2.考核办法", "某区教育局", "2026年1月8日"]
    s = S.build("\n".join(lines))
    assert [x.title for x in s.sections] == ["导语", "一、坚持党建引领"]
    assert [p.kind for p in s.paragraphs][-4:] == ["body"] * 4


def test_a_bulletins_masthead_issue_and_issuer_line_are_subtitles_not_the_title():
    lines = [
        "德育工作简报",
        "第12期（总第86期）",
        "某县教育局德育科 2026年5月8日",
        "全县中小学开展心理健康教育宣传月活动",
        "5月以来，全县中小学开展心理健康教育宣传月活动，覆盖学生三万余人。",
        "活动要求，各校要配齐心理健康教师，建好心理辅导室。",
    ]
    s = S.build("\n".join(lines))
    assert s.title == "全县中小学开展心理健康教育宣传月活动"
    assert s.subtitles == ("德育工作简报", "第12期（总第86期）", "某县教育局德育科 2026年5月8日")
    assert s.paragraphs[0].text.startswith("5月以来")


def test_a_wrapped_headlines_last_character_on_a_line_of_its_own_stays_in_the_title():
    text = "2031年全市职业教育工作会议在市行政中心隆重召\n开\n3月2日，全市职业教育工作会议召开。\n会议强调，要改革。\n"
    doc = edu_helpers.document_from_text(text)
    assert doc.title == "2031年全市职业教育工作会议在市行政中心隆重召开" and doc.subtitles == ()
    assert doc.paragraphs.iloc[0]["text"].startswith("3月2日")
    # a short column name before the title is not a tail
    doc = edu_helpers.document_from_text(
        "要闻\n全市职业教育工作会议召开\n3月2日，会议召开。\n会议强调，要深化产教融合。\n"
    )
    assert doc.title == "全市职业教育工作会议召开"


def test_items_each_followed_by_their_own_paragraph_are_all_counted():
    text = (
        "全市卫生健康工作会议召开\n\n3月2日，全市卫生健康工作会议召开。\n\n会议指出，今年要抓好以下工作。\n\n"
        "（一）深化医改。\n\n推进县域医共体建设。\n\n（二）提升基层能力。\n\n加强乡村医生队伍。\n\n"
        "（三）加强应急能力建设。\n\n完善监测预警体系。\n\n会议要求，各地要压实责任。\n\n（四）这不是上面的第四项。\n"
    )
    doc = edu_helpers.document_from_text(text)
    items = doc.paragraphs[doc.paragraphs["item"].notna()]
    assert [t[:4] for t in items["text"]] == ["（一）深", "（二）提", "（三）加"]  # a cue ends the list
    assert list(items["item"].astype(int)) == [1, 2, 3]


def test_a_tab_inside_a_sentence_is_a_space_and_the_attendance_is_found():
    text = "全市教育工作会议召开\n\n会议强调，要深化\t改革。\n\n各区教育局负责同志参加\t会议。\n"
    doc = edu_helpers.document_from_text(text)
    assert "\t" not in doc.text and "深化改革" in doc.text
    assert doc.sections.iloc[-1]["kind"] == "attendance"


PARTS_REPORT = """某市2024年教育工作会议召开
1月20日，某市2024年教育工作会议召开。会议总结了2023年全市教育工作，部署了2024年的重点任务。
{first}
过去一年，全市新建改扩建中小学校12所，新增学位一万余个，义务教育优质均衡发展取得新进展。
职业教育产教融合不断深化，全市职业院校与两百多家企业开展订单培养，毕业生就业率稳步提高。
{second}
会议要求，2024年要坚持立德树人，深化教育评价改革，办好人民满意的教育。
要加强教师队伍建设，推进县域普通高中振兴，扩大优质教育资源覆盖面。
"""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("第一部分 2023年工作回顾", "第二部分 2024年重点任务"),
        ("第一部分 2023 年工作回顾", "第二部分\n2024年重点任务"),  # PDF spacing; the number on a line of its own
        ("第一部分\n2023年工作回顾", "第二部分\n2024 年重点任务"),
    ],
)
def test_part_headings_keep_the_space_after_their_number_and_join_their_title(tmp_path, first, second):
    path = tmp_path / "parts.txt"
    path.write_text(PARTS_REPORT.format(first=first, second=second), encoding="utf-8")
    doc = edu_helpers.load_document(path)
    assert [s.title for s in doc.section_records][1:] == ["第一部分 2023年工作回顾", "第二部分 2024年重点任务"]
    assert "2023年全市教育工作" in doc.text and "2024年要坚持" in doc.text  # other spaces still go


def test_circled_numbers_are_items_after_an_intro(tmp_path):
    path = tmp_path / "circled.txt"
    path.write_text(
        "某县教育局召开2024年工作部署会\n"
        "2月5日，某县教育局召开2024年工作部署会，总结去年工作，安排今年任务。\n"
        "会议部署了今年的以下重点工作：\n"
        "①推进学前教育普及普惠，新建公办幼儿园三所，提高普惠性幼儿园覆盖率。\n"
        "② 深化义务教育阶段学校结对帮扶，推动城乡学校共同发展。\n"
        "③加强中小学教师培训，组织全县教师分批参加信息技术应用能力提升培训。\n"
        "会议强调，各学校要对照任务抓好落实，确保各项工作取得实效。\n",
        encoding="utf-8",
    )
    doc = edu_helpers.load_document(path)
    items = [(p.item, p.text[:2]) for p in doc.paragraph_records if p.item is not None]
    assert items == [(1, "①推"), (2, "② "), (3, "③加")]  # (the space after ② is the writer's, kept)
    assert S.item_number("⑫加强") == 12 and S.item_number("①②③") is None  # a run of them is not one item


def test_a_cue_that_reads_on_into_its_sentence_gets_the_sentence_as_its_title(tmp_path):
    path = tmp_path / "runon.txt"
    path.write_text(
        "某市召开2024年教育工作会议\n"
        "1月8日，某市召开2024年教育工作会议，总结2023年工作，部署2024年任务。\n"
        "会议指出，过去一年全市教育事业取得新进展，教育公平和质量进一步提升。\n"
        "会议还对今年的工作提出要求，强调要抓好各项任务落实。\n"
        "会上，三所学校的校长作了交流发言，介绍了课后服务的做法。\n",
        encoding="utf-8",
    )
    titles = [s.title for s in edu_helpers.load_document(path).section_records]
    assert titles[1:] == [
        "会议指出：过去一年全市教育事业取得新进展",
        "会议还对今年的工作提出要求",
        "会上：三所学校的校长作了交流发言",
    ]
