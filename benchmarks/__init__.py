"""基准测试。Benchmarks: ``make bench`` (``python -m benchmarks``) runs every ``bench_*.py`` module here.

The contract for a module ``benchmarks/bench_NAME.py``: a function ``run() -> list[dict]``, one dict (row) per
measurement, with the keys

- ``name`` (str): what was measured, e.g. ``"annotations: add one"``;
- ``value`` (float or None): the median over several rounds (None when the measurement failed);
- ``unit`` (str): ``"ms"``, ``"s"``, ``"×"``…;
- ``target`` (str): the goal beside the figure, e.g. ``"≤ 5 ms"``;
- ``ok`` (bool): whether ``value`` meets the target;
- ``detail`` (str): how it was measured (rounds, input size, min–max).

``python -m benchmarks --quick`` sets ``EDU_BENCH_QUICK=1``: modules should then use fewer rounds
(``harness.rounds(full, quick)`` does this). ``--only NAME`` runs one module (``words`` or ``bench_words``).
Results go to ``benchmarks/results/latest.json`` (gitignored) with the date and the machine. Benchmarks are
not part of ``make test``; a module that raises is reported by name and does not hide the others.
"""
