from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseForbidden
from django.views.generic import CreateView, ListView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.views import APIView


class PostList(ListView):
    template_name = "list.html"


class PostCreate(LoginRequiredMixin, CreateView):
    template_name = "form.html"


@login_required
def edit(request, pk):
    return None


def drafts(request):
    return None


def about(request):
    return None


def settings_view(request):
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    return None


class PostApi(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return None


class FeedApi(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        return None


class LatestFeed:
    def __call__(self, request):
        return None
