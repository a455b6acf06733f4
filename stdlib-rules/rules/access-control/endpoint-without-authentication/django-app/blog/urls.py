from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    # ruleid: endpoint-without-authentication
    path("", views.PostList.as_view(), name="list"),
    # ok: endpoint-without-authentication
    path("new/", views.PostCreate.as_view(), name="create"),
    # ok: endpoint-without-authentication
    path("<int:pk>/edit/", views.edit, name="edit"),
    # ok: endpoint-without-authentication
    path("drafts/", login_required(views.drafts)),
    # ok: endpoint-without-authentication
    path("api/posts/", views.PostApi.as_view()),
    # Declared public: permission_classes = [AllowAny].
    # ok: endpoint-without-authentication
    path("api/feed/", views.FeedApi.as_view()),
    # ok: endpoint-without-authentication
    path("settings/", views.settings_view),
    # An instance of a view class: its class is the handler.
    # ruleid: endpoint-without-authentication
    path("feed/", views.LatestFeed()),
    # A library view's as_view() with no argument to follow is still an endpoint.
    # ruleid: endpoint-without-authentication
    path("old/", RedirectView.as_view()),
]
