# The release train: tools/release.py bumps all four distributions together.
__version__ = "1.0.0.dev1"
