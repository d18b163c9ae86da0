#!/usr/bin/env python
"""Django's command-line utility; `innocluster manage` is the same thing, installed."""

import sys

from innocluster.cli import manage

if __name__ == "__main__":
    manage(sys.argv[1:])
