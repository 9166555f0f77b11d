from django.urls import path

from . import views

app_name = "collection"
urlpatterns = [
    path("review/", views.review_queue, name="review_queue"),
    path("submissions/<int:pk>/send/", views.confirm_send, name="confirm_send"),
    path("submissions/<int:pk>/ask/", views.ask_to_send, name="ask_to_send"),
]
