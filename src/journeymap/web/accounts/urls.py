from django.urls import path

from journeymap.web.accounts import organisation_views, views

app_name = "accounts"

urlpatterns = [
    path("accounts/sign-in/", views.sign_in, name="login"),
    path("accounts/sign-out/", views.sign_out, name="logout"),
    path("accounts/two-factor/", views.two_factor_page, name="two_factor"),
    path("o/<slug:organisation_slug>/members/", organisation_views.members, name="members"),
    path("o/<slug:organisation_slug>/members/<int:membership_id>/role/",
         organisation_views.member_role, name="member_role"),
    path("o/<slug:organisation_slug>/members/<int:membership_id>/remove/",
         organisation_views.member_remove, name="member_remove"),
    path("o/<slug:organisation_slug>/settings/", organisation_views.organisation_settings,
         name="settings"),
    path("o/<slug:organisation_slug>/audit/", organisation_views.audit_log, name="audit"),
]
