import sys

from edu_helpers.cli import main

sys.exit(main())
