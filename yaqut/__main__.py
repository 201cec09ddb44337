"""``python -m yaqut``: the same as the ``yaqut`` command."""

from yaqut.cli import main

if __name__ == "__main__":  # pragma: no branch
    main(prog_name="yaqut")
