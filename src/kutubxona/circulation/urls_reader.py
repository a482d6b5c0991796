"""The reader's own pages (`/my/`)."""

from django.urls import path

from kutubxona.circulation.views import reader

app_name = "reader"
urlpatterns = [
    path("", reader.home, name="home"),
    path("login/", reader.login, name="login"),
    path("logout/", reader.logout, name="logout"),
    path("loans/<int:pk>/renew/", reader.renew, name="renew"),
    path("holds/<int:pk>/cancel/", reader.cancel_hold, name="cancel_hold"),
]
