"""Activities routes: ``union_urlpatterns`` (pages in namespace ``activities`` + API) and
``federation_urlpatterns`` (the township's overview page in namespace ``fed_activities`` + API)."""

from django.urls import include, path

from workplaces.activities import api, api_recognition, pages, pages_recognition, views_federation

union_pages = [
    path("", pages.activity_list, name="list"),
    path("new/", pages.activity_create, name="create"),
    path("<int:pk>/", pages.activity_detail, name="detail"),
    path("<int:pk>/signup/", pages.activity_signup, name="signup"),
    path("<int:pk>/attendance/", pages.activity_attendance, name="attendance"),
    path("<int:pk>/photos/", pages.activity_photo, name="photo-add"),
    path("photos/<int:pk>/", pages.photo_file, name="photo"),
    path("plans/", pages.plan_list, name="plans"),
    path("competitions/", pages_recognition.competition_list, name="competitions"),
    path("competitions/<int:pk>/", pages_recognition.competition_detail, name="competition"),
    path("suggestions/", pages_recognition.suggestion_list, name="suggestions"),
    path("honours/", pages_recognition.honour_list, name="honours"),
    path(
        "honours/<int:pk>/nomination.pdf", pages_recognition.nomination_pdf, name="nomination-pdf"
    ),
    path("training/", pages_recognition.training_list, name="training"),
]

union_api = [
    path("api/v1/activities/", api.ActivityListApi.as_view(), name="api-activities"),
    path("api/v1/activities/<int:pk>/", api.ActivityDetailApi.as_view(), name="api-activity"),
    path(
        "api/v1/activities/<int:pk>/signups/", api.SignupApi.as_view(), name="api-activity-signups"
    ),
    path(
        "api/v1/activities/<int:pk>/signups/<int:signup_id>/",
        api.SignupCancelApi.as_view(),
        name="api-activity-signup",
    ),
    path(
        "api/v1/activities/<int:pk>/attendance/",
        api.AttendanceApi.as_view(),
        name="api-activity-attendance",
    ),
    path("api/v1/activities/<int:pk>/awards/", api.AwardApi.as_view(), name="api-activity-awards"),
    path("api/v1/activities/<int:pk>/photos/", api.PhotoApi.as_view(), name="api-activity-photos"),
    path(
        "api/v1/activities/photos/<int:pk>/", api.PhotoFileApi.as_view(), name="api-activity-photo"
    ),
    *api_recognition.union_api,
]

federation_pages = [
    path("", views_federation.overview, name="overview"),
]

union_urlpatterns = [
    path("activities/", include((union_pages, "activities"))),
    *union_api,
]

federation_urlpatterns = [
    path("activities/", include((federation_pages, "fed_activities"))),
    path(
        "api/v1/activities/overview/",
        views_federation.OverviewApi.as_view(),
        name="api-activities-overview",
    ),
]
