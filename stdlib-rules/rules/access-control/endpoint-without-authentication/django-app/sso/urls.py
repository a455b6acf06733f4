from django.urls import path

from . import views

urlpatterns = [
    # ok: endpoint-without-authentication
    path("callback/", views.callback),
    # ruleid: endpoint-without-authentication
    path("accounts/", views.accounts),
]
