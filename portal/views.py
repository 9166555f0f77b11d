from django.conf import settings
from django.shortcuts import render


def home(request):
    return render(request, "portal/home.html")


def contact(request):
    return render(request, "portal/contact.html", {"office": settings.OFFICE_CONTACT})
