"""``python -m factcheck``: the same command line as ``factcheck``."""

from factcheck.cli import main

main(prog_name="factcheck")
