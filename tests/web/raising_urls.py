"""The product's URLs plus one view that fails, to see the 500 page as a visitor would."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from journeymap.web import urls


@login_not_required
def fails(request):
    raise RuntimeError("a fault in a view")


urlpatterns = [path("fails/", fails), *urls.urlpatterns]
handler500 = urls.handler500
