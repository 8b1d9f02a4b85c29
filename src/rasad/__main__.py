"""``python -m rasad ...`` is the ``rasad`` command."""

from rasad.cli import main

main()
