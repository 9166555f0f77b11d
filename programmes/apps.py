from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Chương trình, đề án thành phần, nguồn kinh phí"
