"""随附的报告原文（逐字保存，只读）。The bundled report, verbatim; shipped in the wheel as ``edu_helpers.source``."""
