from django.urls import path

from . import feeds, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("contact/", views.contact, name="contact"),
    path("tim-kiem/", views.search, name="search"),
    path("bai/<int:pk>/", views.detail, name="detail"),
    path("chuyen-muc/<slug:category>/", views.category_list, name="category"),
    path("rss/", feeds.LatestItems(), name="rss"),
    path("atom/", feeds.LatestItemsAtom(), name="atom"),
]
