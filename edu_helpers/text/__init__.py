"""文本层：读取、规范化、结构、文档。The text layer, the bottom of the pipeline.

``readers/`` (bytes → text, one module per input format) → ``normalize`` (small named rules that repair
an extraction) → ``structure`` (headline, sections, items, paragraphs, sentences) → ``document`` (the
:class:`~edu_helpers.text.document.Document` record and its views), put together by ``load``. Compiled
patterns shared by the stages are in ``patterns``. Nothing here imports a layer above.
"""
