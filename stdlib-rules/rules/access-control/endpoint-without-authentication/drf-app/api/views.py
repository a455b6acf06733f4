from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


class OrderViewSet(viewsets.ModelViewSet):
    queryset = None


class Status(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        return None
