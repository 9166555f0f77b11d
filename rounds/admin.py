from django.contrib import admin

from .models import Round, RoundOption


class OptionInline(admin.TabularInline):
    model = RoundOption
    extra = 0


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "plan_year", "opens_on", "deadline"]
    inlines = [OptionInline]
