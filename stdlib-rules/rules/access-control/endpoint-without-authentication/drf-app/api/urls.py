from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
# The settings' default permission class (IsAuthenticated) applies.
# ok: endpoint-without-authentication
router.register(r"orders", views.OrderViewSet)

urlpatterns = [
    path("", include(router.urls)),
    # Declared public.
    # ok: endpoint-without-authentication
    path("status/", views.Status.as_view()),
]
