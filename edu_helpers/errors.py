"""错误类型。Errors raised by the package: each names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class DocumentError(ValueError):
    """A document or data file cannot be used; the message names the file and the problem.

    Args:
        path: the offending file (or ``None`` for in-memory text).
        problem: what is wrong, in words a user understands.
    """

    def __init__(self, path: str | Path | None, problem: str):
        self.path = None if path is None else str(path)
        self.problem = problem
        where = self.path if self.path is not None else "<text>"
        super().__init__(f"{where}: {problem}")

    def _render_traceback_(self) -> list[str]:
        """What IPython shows for it in a notebook (its protocol for exceptions): this one line, not a
        traceback through the package: the problem is the file, not the code."""
        return [f"{type(self).__name__}: {self}"]


class DataFileError(DocumentError):
    """A data file (word list, taxonomy, dictionary…) is malformed; the message names file and line."""

    def __init__(self, path: str | Path | None, problem: str, line: int | None = None):
        self.line = line
        where = problem if line is None else f"line {line}: {problem}"
        super().__init__(path, where)
