"""Test material for the Windows cases: folders and files named with Chinese characters, spaces and parentheses,
a report of the genre (our own words) holding a character no GBK console can show, and helpers to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from edu_helpers.annotations import AnnotationStore, export_annotations, write_export
from edu_helpers.text.load import load_document

#: U+20BB7, a CJK Extension B character: in GB18030 and UTF-8, not in GBK, so a cp936 console cannot show it
NOT_IN_GBK = "𠮷"

REPORT = f"""2025年某市基础教育工作会议
推进教育强市建设
本报讯 近日，某市基础教育工作会议召开，总结去年工作，部署今年任务。
会议指出，过去一年全市教育系统坚持立德树人，{NOT_IN_GBK}祥小学等学校探索课后服务新路径，群众满意度稳步提高。
会议强调，一是深化课程改革，推动课堂提质增效。二是加强教师队伍建设，完善培训体系。
会议要求，各地要落实“双减”政策，办好人民满意的教育。
"""


def make_class_folder(base: Path) -> dict[str, Path]:
    """A teacher's folder as on a Windows desktop: the report, a store, one student's export, all oddly named."""
    folder = base / "课堂 资料 (高一)"
    students = folder / "学生 作业（一班）"
    students.mkdir(parents=True)
    doc_path = folder / "我的 报告（2025 草稿）.txt"
    doc_path.write_text(REPORT, encoding="utf-8")
    store_path = folder / "批注 库 (1).sqlite"
    doc = load_document(doc_path)
    with AnnotationStore(store_path) as store:
        store.annotate(doc, f"{NOT_IN_GBK}祥小学", note=f"{NOT_IN_GBK}：生僻字", tags=["重点"], author="张三")
        store.annotate(doc, "双减", note="联系本校实际", kind="联系实际", author="李四")
        text = export_annotations(store, doc, "jsonld")
    write_export(text, students / "张三 (1).jsonld", "jsonld")
    return {"folder": folder, "students": students, "doc": doc_path, "store": store_path}


def run_cli(*args: str | Path, encoding: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m edu_helpers ARGS`` in a subprocess, stdout and stderr as bytes, the console as ``encoding``."""
    full = {k: v for k, v in os.environ.items() if k not in {"EDU_ANNOTATIONS", "PYTHONIOENCODING"}}
    if encoding:
        full["PYTHONIOENCODING"] = encoding
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "edu_helpers", *map(str, args)], capture_output=True, env=full, timeout=300
    )
