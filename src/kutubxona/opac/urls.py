from django.urls import path

from kutubxona.opac import views

app_name = "opac"

urlpatterns = [
    path("", views.catalogue, name="search"),
    path("staff/", views.staff_search, name="staff_search"),
    path("record/<int:pk>/", views.record, name="record"),
    path("record/<int:pk>/<str:fmt>/", views.record_export, name="record_export"),
    path("read/<int:pk>/", views.read, name="read"),
    path("<slug:code>/", views.catalogue, name="library"),
]
