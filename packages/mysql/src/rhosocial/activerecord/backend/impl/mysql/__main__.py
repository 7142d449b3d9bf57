"""``python -m rhosocial.activerecord.backend.impl.mysql ...`` (see ``cli``)."""

import sys

from .cli import main

sys.exit(main())
