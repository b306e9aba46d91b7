"""The three 示例 reports of the comparison tests (2031, 2032, 2033), shipped as package data."""

from edu_helpers.analysis.corpus import demo_folder

DATA = demo_folder()
A, B, C = "2031-conference", "2032-conference", "2033-conference"
