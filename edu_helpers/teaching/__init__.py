"""教学层：填空、学习材料、课堂汇总、阅读模式。Teaching: cloze quizzes, handouts, the class merge and report,
reading modes — as data and HTML; their widgets are in :mod:`edu_helpers.ui.widgets`."""
