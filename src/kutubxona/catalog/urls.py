from django.urls import path

from kutubxona.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("records/<int:pk>/", views.record_detail, name="detail"),
]
