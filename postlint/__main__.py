"""`python -m postlint` runs the command line."""

from postlint.cli import run

if __name__ == "__main__":
    run()
