"""The Django project: one app per domain over `journeymap.core`."""
