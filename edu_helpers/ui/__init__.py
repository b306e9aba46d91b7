"""界面层：笔记本调用的函数与部件。The notebook interface: ``study`` (what the notebooks call), ``html``
(chips, messages, styled tables, shared CSS) and ``widgets/``. The only layer that imports ipywidgets,
IPython, anywidget or altair."""
