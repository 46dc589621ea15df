"""/api/v1/reports/ and /api/v1/news/ on both hosts (contract: ../shared/API.md "Reports").
Doors only: typed input serializers parse, one service or selector is called, the output is
shaped. Domain errors (conflicts) are mapped to HTTP by the platform's exception handler."""

from federation.reports.api.cycles import (
    CycleAggregateApi,
    CycleCloseApi,
    CycleDetailApi,
    CycleExportApi,
    CycleListCreateApi,
    CycleStatusApi,
    CycleUnionsApi,
)
from federation.reports.api.forms import FormDetailApi, FormListCreateApi, SourceListApi
from federation.reports.api.news import (
    NewsAdoptApi,
    NewsChannelApi,
    NewsDetailApi,
    NewsListApi,
    NewsPhotoApi,
    NewsRankingApi,
    NewsReviewApi,
    UnionNewsDetailApi,
    UnionNewsListCreateApi,
    UnionNewsPhotoApi,
    UnionNewsPointsApi,
)
from federation.reports.api.submissions import (
    SubmissionAcceptApi,
    SubmissionDetailApi,
    SubmissionReturnApi,
    UnionReportDetailApi,
    UnionReportListApi,
    UnionReportSubmitApi,
)

__all__ = [
    "CycleAggregateApi",
    "CycleCloseApi",
    "CycleDetailApi",
    "CycleExportApi",
    "CycleListCreateApi",
    "CycleStatusApi",
    "CycleUnionsApi",
    "FormDetailApi",
    "FormListCreateApi",
    "NewsAdoptApi",
    "NewsChannelApi",
    "NewsDetailApi",
    "NewsListApi",
    "NewsPhotoApi",
    "NewsRankingApi",
    "NewsReviewApi",
    "SourceListApi",
    "SubmissionAcceptApi",
    "SubmissionDetailApi",
    "SubmissionReturnApi",
    "UnionNewsDetailApi",
    "UnionNewsListCreateApi",
    "UnionNewsPhotoApi",
    "UnionNewsPointsApi",
    "UnionReportDetailApi",
    "UnionReportListApi",
    "UnionReportSubmitApi",
]
