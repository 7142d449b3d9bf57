"""Topology tests (tests/topologies): their helper modules sit beside this file."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
