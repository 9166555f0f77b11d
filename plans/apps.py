from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch hành động và hồ sơ kế hoạch năm"
