"""Small pieces the editor's views share: service errors onto forms, URLs back to a map."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def errors_to_form(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def service_call(form, service, **kwargs):
    """Call a write service; on a ValidationError put it on the form and return None."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        errors_to_form(form, error)
        return None


def redirect_to_map(journey_map, *, anchor: str = "", query: dict | None = None):
    response = redirect("journeys:map", organisation_slug=journey_map.organisation.slug,
                        journey_id=journey_map.journey_id, map_id=journey_map.pk)
    if query:
        response["Location"] += f"?{urlencode(query)}"
    if anchor:
        response["Location"] += f"#{anchor}"
    return response
