"""`/q/<code>`: the short links printed under a QR board's codes (no namespace: short to reverse too)."""

from django.urls import path

from kutubxona.elibrary.views import public

urlpatterns = [path("<str:code>", public.short_link, name="short_link")]
