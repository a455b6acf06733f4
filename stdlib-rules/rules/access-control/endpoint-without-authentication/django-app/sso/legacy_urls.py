from django.conf.urls import url

from . import views

urlpatterns = [
    # ok: endpoint-without-authentication
    url(r"^callback/$", views.callback),
    # ruleid: endpoint-without-authentication
    url(r"^accounts/$", views.accounts),
]
