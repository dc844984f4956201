"""Forms dressed in govuk-frontend's classes, so templates stay plain `{% include field %}`."""

from django import forms

_WIDGET_CLASSES = {
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.Select: "govuk-select",
    forms.Textarea: "govuk-textarea",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}


class GovukForm(forms.Form):
    """A form whose widgets carry govuk-frontend classes and `aria-invalid` when in error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = next((css for widget_type, css in _WIDGET_CLASSES.items()
                        if isinstance(field.widget, widget_type)), "govuk-input")
            field.widget.attrs["class"] = f"{css} {field.widget.attrs.get('class', '')}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] += " govuk-input--error"
