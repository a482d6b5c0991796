from django.urls import path

from kutubxona.catalog.views import copies, editor, pages

app_name = "catalog"
urlpatterns = [
    path("", pages.record_list, name="list"),
    path("records/new/", editor.record_create, name="create"),
    path("records/<int:pk>/", pages.record_detail, name="detail"),
    path("records/<int:pk>/edit/", editor.record_edit, name="edit"),
    path("records/<int:pk>/copies/new/", copies.copy_create, name="copy_create"),
    path("records/<int:pk>/labels/", copies.copy_labels, name="labels"),
]
