"""示例班级：虚构学生的批注导出文件，供演示和测试。Made-up students' exports for demos and tests."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from edu_helpers.annotations import AnnotationStore, kinds
from edu_helpers.annotations.exchange import export_annotations, write_export
from edu_helpers.teaching.cloze import key_terms
from edu_helpers.text.document import Document

_DEMO_NAMES = ("张明", "李华", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴敏", "徐涛", "孙悦")
_DEMO_NOTES = {
    "重点": ("这是本部分的核心提法。", "要背下来。", ""),
    "疑问": ("这个提法具体指什么？", "和去年的说法有什么不同？", "在我们学校怎么落实？"),
    "心得": ("读完很受启发。", "这一句概括得很准确。"),
    "联系实际": ("我们学校正在做这件事。", "可以和本地的做法对照。"),
}
_DEMO_TAGS = ("重点任务", "教育强国", "课堂讨论", "要查资料")


def demo_student_files(folder: str | Path, doc: Document, n: int = 5, *, seed: int = 0) -> list[Path]:
    """Write ``n`` made-up students' exports into ``folder`` (JSON-LD and CSV in turn), for demos and tests.

    Each student marks 4–8 key terms or sentences of ``doc`` with random kinds, tags and notes; the
    same ``seed`` gives the same quotes, kinds, tags and notes (ids and times are new each run).

    Returns:
        The files written, one per student, named ``student-01.jsonld``, ``student-02.csv``…
    """
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    quotes = sorted(key_terms(doc)) + [s.text for s in doc.sentence_records]
    names = rng.sample(_DEMO_NAMES, n) if n <= len(_DEMO_NAMES) else [f"同学{i + 1}" for i in range(n)]
    written = []
    for i, name in enumerate(names):
        fmt = "jsonld" if i % 2 == 0 else "csv"
        with tempfile.TemporaryDirectory() as tmp, AnnotationStore(Path(tmp) / "student.sqlite") as store:
            for quote in rng.sample(quotes, rng.randint(4, min(8, len(quotes)))):
                kind = rng.choice([k for k in _DEMO_NOTES if k in kinds()] or [None])
                tags = rng.sample(_DEMO_TAGS, rng.randint(0, 2))
                store.annotate(
                    doc, quote, kind=kind, tags=tags, note=rng.choice(_DEMO_NOTES.get(kind, ("",))), author=name
                )
            path = folder / f"student-{i + 1:02d}.{fmt}"
            written.append(write_export(export_annotations(store, doc, fmt), path, fmt, force=True))
    return written
