from django.urls import path

from workplaces.members import views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("new/", views.member_create, name="create"),
    path("export/<str:fmt>/", views.member_export, name="export"),
    path("roster/", views.member_roster, name="roster"),
    path("me/", views.my_membership, name="me"),
    path("groups/", views.group_list, name="groups"),
    path("applications/", views.application_list, name="applications"),
    path(
        "applications/<int:pk>/<str:action>/", views.application_decide, name="application-decide"
    ),
    path("import/", views.import_page, name="import"),
    path("import/template.xlsx", views.import_template, name="import-template"),
    path("import/<int:pk>/", views.import_job, name="import-job"),
    path("transfers/", views.transfer_list, name="transfers"),
    path("transfers/<int:pk>/<str:action>/", views.transfer_decide, name="transfer-decide"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/leave/", views.member_leave, name="leave"),
    path("<int:pk>/reinstate/", views.member_reinstate, name="reinstate"),
    path("<int:pk>/transfer/", views.member_transfer, name="transfer"),
]
