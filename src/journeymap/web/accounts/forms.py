from django import forms

from journeymap.web.accounts.models import Role
from journeymap.web.govuk_forms import GovukForm


class SignInForm(GovukForm):
    username = forms.CharField(max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}))
    password = forms.CharField(strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))
    code = forms.CharField(
        required=False, max_length=12, label="Security code (if you use two-factor sign-in)",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class TokenForm(GovukForm):
    token = forms.CharField(max_length=12, label="Code from your authenticator app",
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                          "inputmode": "numeric"}))


class MemberInviteForm(GovukForm):
    username = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    role = forms.ChoiceField(choices=Role.choices)


class MemberRoleForm(GovukForm):
    role = forms.ChoiceField(choices=Role.choices)


class OrganisationSettingsForm(GovukForm):
    require_admin_two_factor = forms.BooleanField(
        required=False, label="Admins must use two-factor sign-in"
    )
