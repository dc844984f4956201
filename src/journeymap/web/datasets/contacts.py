"""A dataset's contact definition, as the mapping form stores it, made into the engine's."""

from journeymap.core.analytics import ContactDefinition


def contact_rule(contacts: dict | None) -> ContactDefinition | None:
    """The engine's contact definition from what the mapping form stored (None: the log's own).

    Raises the engine's ConfigurationError for an incomplete definition.
    """
    kind = (contacts or {}).get("kind")
    if kind == "channel":
        return ContactDefinition.by_channel()
    if kind == "activities":
        return ContactDefinition.by_activities(contacts["activities"])
    if kind == "column":
        return ContactDefinition.by_column(contacts["column"], contacts["value"])
    return None
