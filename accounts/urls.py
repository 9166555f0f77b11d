from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("register/", views.register, name="register"),
    path("register/done/", views.register_done, name="register_done"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
    path("forgot-password/", views.forgot_password, name="forgot_password"),
    path("me/", views.profile, name="profile"),
    path("me/password/", views.change_password, name="change_password"),
    path("me/token/revoke/", views.revoke_token, name="revoke_token"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
]
