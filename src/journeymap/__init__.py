"""journeymap: customer journey mapping for public services.

`journeymap.core` is pure Python (no Django); `journeymap.web` is the Django project over it;
`journeymap.cli` is the `journeymap` command over both.
"""

__version__ = "0.1.0"
