"""撤销与编辑冲突。The undo steps of the annotation workbench, and the message of a refused (stale) edit.

Each step remembers the version before and the version it wrote; undoing passes the written one as
``expected``, so an undo never overwrites what another kernel saved since (it is refused, and kept).
"""

from __future__ import annotations

from edu_helpers.annotations import Annotation, AnnotationStore, StaleEditError
from edu_helpers.ui import html as R

#: What each kind of step is called in messages.
NAMES = {"delete": "删除", "copy": "另存", "update": "修改"}


class EditHistory:
    """The steps 撤销 can undo, newest last.

    Args:
        store: the store the steps were made in.
    """

    def __init__(self, store: AnnotationStore):
        self.store = store
        self.steps: list[tuple[str, str, Annotation | None, Annotation]] = []

    def __bool__(self) -> bool:
        return bool(self.steps)

    def push(self, action: str, annotation_id: str, old: Annotation | None, new: Annotation) -> None:
        """Remember a step: ``update``/``delete`` (``old`` → ``new``) or ``copy`` (``new`` added)."""
        self.steps.append((action, annotation_id, old, new))

    def undo(self) -> tuple[str, str, Annotation]:
        """Undo the newest step; returns (action, annotation id, the annotation it was about).

        Raises:
            StaleEditError: the annotation changed elsewhere since the step; the step is kept.
        """
        action, aid, old, new = self.steps[-1]
        if action == "delete":
            now = self.store.undelete(aid)
        elif action == "copy":
            now = self.store.delete(aid, expected=new.updated)
        else:
            now = self.store.restore(aid, old, expected=new.updated)
        self.steps.pop()
        for i in range(len(self.steps) - 1, -1, -1):  # the step before now starts from what this wrote
            if self.steps[i][1] == aid:
                self.steps[i] = (*self.steps[i][:3], now)
                break
        return action, aid, old or new


def stale_message(exc: StaleEditError, what: str) -> str:
    """The message shown when a save, delete or undo (``what``) was refused as stale."""
    current = exc.current
    return R.message(
        f"未{what}：这条批注在你打开后已在别处被修改（{current.updated}），现在的批注是："
        f"「{R.truncate(current.note or '（无批注）', 60)}」。点「重新载入」看最新版本（表单中的修改会丢弃），"
        "或点「两者都保留」把表单中的内容另存为同一段落上的一条新批注。",
        "error",
    )
