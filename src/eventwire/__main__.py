"""python -m eventwire: the command line."""

from .shells.cli import main

main()
