"""``python -m rhosocial.activerecord.backend.impl.oracle.cli ...``: the same as ``-m ...impl.oracle``."""

import sys

from . import main

sys.exit(main())
