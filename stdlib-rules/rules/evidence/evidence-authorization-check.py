from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import path


@login_required
@permission_required("orders.delete_order")
def delete_order(request, pk):
    return None


@login_required
def orders(request):
    return None


@login_required
def order_detail(request, pk):
    return None


@login_required
@permission_required("orders.change_order")
def edit_order(request, pk):
    return None


@staff_member_required
def reports(request):
    return None


def public_catalog(request):
    return None


urlpatterns = [
    # ruleid: evidence-authorization-check
    path("orders/<int:pk>/edit/", edit_order),
    # ruleid: evidence-authorization-check
    path("reports/", reports),
    # ok: evidence-authorization-check
    path("catalog/", public_catalog),
    # ruleid: evidence-authorization-check
    path("orders/<int:pk>/delete/", delete_order),
    # ok: evidence-authorization-check
    path("orders/", orders),
    # ok: evidence-authorization-check
    path("orders/<int:pk>/", order_detail),
]
