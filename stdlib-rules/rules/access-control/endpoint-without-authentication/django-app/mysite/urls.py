from blog import views as blog_views
from django.contrib import admin
from django.conf.urls import url
from django.urls import include, path

urlpatterns = [
    # The admin site requires a staff login.
    # ok: endpoint-without-authentication
    path("admin/", admin.site.urls),
    path("blog/", include("blog.urls")),
    # Included with an application namespace, and by the older url():
    # the OAuth callbacks under them are public by design.
    path("social/google-oauth2/", include(("sso.urls", "google"))),
    url(r"^sso/", include("sso.legacy_urls", namespace="legacy")),
    # ruleid: endpoint-without-authentication
    path("about/", blog_views.about),
]
