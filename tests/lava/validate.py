#!/usr/bin/env python3
"""Checks LAVA job definitions against the job schema LAVA's server applies on submission
(lava_common.schemas, strict): a template that a lab's server would refuse fails here.
Usage: validate.py <job.yaml>..."""
import sys

import yaml
from lava_common.schemas import validate

failed = 0
for path in sys.argv[1:]:
    with open(path) as f:
        try:
            validate(yaml.safe_load(f), strict=True)
        except Exception as exc:  # voluptuous raises its own Invalid family
            print("validate: %s: %s" % (path, exc))
            failed += 1
sys.exit(1 if failed else 0)
