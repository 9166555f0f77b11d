from django.urls import path

from . import views

app_name = "collection"
urlpatterns = [
    path("review/", views.review_queue, name="review_queue"),
]
