from django.urls import path

from . import feeds, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("contact/", views.contact, name="contact"),
    path("van-ban/", views.documents, name="documents"),
    path("don-vi/<slug:code>/", views.unit_page, name="unit"),
    path("tim-kiem/", views.search, name="search"),
    path("bai/<int:pk>/", views.detail, name="detail"),
    path("chuyen-muc/<slug:category>/", views.category_list, name="category"),
    path("rss/", feeds.LatestItems(), name="rss"),
    path("atom/", feeds.LatestItemsAtom(), name="atom"),
    path("quan-ly/", views.manage, name="manage"),
    path("quan-ly/lien-he/", views.inbox, name="inbox"),
    path("quan-ly/lien-he/<int:pk>/da-xu-ly/", views.mark_handled, name="mark_handled"),
    path("quan-ly/moi/", views.edit, name="new"),
    path("quan-ly/<int:pk>/sua/", views.edit, name="edit"),
    path("quan-ly/<int:pk>/anh/", views.add_image, name="add_image"),
    path("quan-ly/<int:pk>/gui/", views.submit, name="submit"),
    path("quan-ly/<int:pk>/duyet/", views.moderate, name="moderate"),
    path("quan-ly/<int:pk>/lich-su/", views.versions, name="versions"),
]
