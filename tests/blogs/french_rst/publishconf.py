#!/usr/bin/env python
# This file is only used if you use `make publish` or
# explicitly specify it as your config file.

import os
import sys

sys.path.append(os.curdir)
from settings import *  # noqa: E402,F403

SITEURL = "https://carnet.example.fr"
RELATIVE_URLS = False

DELETE_OUTPUT_DIRECTORY = True
