from django.urls import path

from federation.platform.accounts import users_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("users/", users_views.users_page, name="users"),
    path("users/<int:pk>/", users_views.user_update, name="user-update"),
]
