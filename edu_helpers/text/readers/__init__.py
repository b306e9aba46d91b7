"""读取器：每种输入格式一个模块。Readers, one module per input format (today: plain text, ``txt``)."""
