from django.contrib.auth.decorators import login_required, permission_required
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


urlpatterns = [
    # ruleid: evidence-authorization-check
    path("orders/<int:pk>/delete/", delete_order),
    # ok: evidence-authorization-check
    path("orders/", orders),
    # ok: evidence-authorization-check
    path("orders/<int:pk>/", order_detail),
]
