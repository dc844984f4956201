"""Which modules a snippet of Python loads, run in a fresh interpreter.

The lazy-import tests (the CLI's start, the analytics facade) look at `sys.modules` rather than
at time: what loads is behaviour, how long it takes is the benchmarks' business.
"""

import json
import subprocess
import sys

_PROBE = """
import json, sys
{body}
loaded = set(sys.modules)
print(json.dumps(sorted(name for name in {names!r}
                        if any(n == name or n.startswith(name + ".") for n in loaded))))
"""


def loaded_of(body: str, names: tuple[str, ...]) -> list[str]:
    """Those of `names` (packages or modules) that running `body` loads, with any submodule."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(body=body, names=names)],
        capture_output=True, text=True, check=True, timeout=300,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
