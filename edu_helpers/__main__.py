"""``python -m edu_helpers COMMAND``: the command line (see :mod:`edu_helpers.cli`)."""

import sys

from edu_helpers.cli import main

sys.exit(main())
