from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "collection"
    verbose_name = "Thu nhận báo cáo, hồ sơ của đơn vị"
