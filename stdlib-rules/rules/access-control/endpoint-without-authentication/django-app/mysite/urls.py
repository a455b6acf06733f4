from blog import views as blog_views
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # The admin site requires a staff login.
    # ok: endpoint-without-authentication
    path("admin/", admin.site.urls),
    path("blog/", include("blog.urls")),
    # ruleid: endpoint-without-authentication
    path("about/", blog_views.about),
]
