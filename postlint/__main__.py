"""`python -m postlint` runs the command line."""

from postlint.cli import main

if __name__ == "__main__":
    main()
