"""The union's own profile and its in-app notices from the federation."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.api import Pagination
from federation.platform.outbox.models import OutboxMessage
from federation.platform.outbox.selectors import notices_for_union
from federation.platform.outbox.services import message_mark_read
from tenants.context import current_union


class UnionProfileSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    credit_code = serializers.CharField()
    employee_count = serializers.IntegerField()
    domain = serializers.SerializerMethodField()

    def get_domain(self, obj) -> str:
        return f"{obj.slug}.{settings.BASE_DOMAIN}"


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutboxMessage
        fields = ["id", "kind", "subject", "body", "link", "created_at", "read_at"]


class UnionProfileApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=UnionProfileSerializer)
    def get(self, request):
        return Response(UnionProfileSerializer(current_union()).data)


class NoticeListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=NoticeSerializer(many=True))
    def get(self, request):
        paginator = Pagination()
        page = paginator.paginate_queryset(
            notices_for_union(union=current_union()), request, view=self
        )
        return paginator.get_paginated_response(NoticeSerializer(page, many=True).data)


class NoticeDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=NoticeSerializer)
    def get(self, request, pk: int):
        notice = get_object_or_404(notices_for_union(union=current_union()), pk=pk)
        return Response(NoticeSerializer(notice).data)


class NoticeReadApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=NoticeSerializer)
    def post(self, request, pk: int):
        get_object_or_404(notices_for_union(union=current_union()), pk=pk)
        return Response(
            NoticeSerializer(message_mark_read(union=current_union(), message_id=pk)).data
        )
