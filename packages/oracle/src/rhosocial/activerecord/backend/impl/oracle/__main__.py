"""``python -m rhosocial.activerecord.backend.impl.oracle ...`` (see ``cli``)."""

import sys

from .cli import main

sys.exit(main())
