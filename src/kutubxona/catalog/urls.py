from django.urls import path

from kutubxona.catalog.views import browse, copies, editor, imports, marc_edit, pages

app_name = "catalog"
urlpatterns = [
    path("", pages.record_list, name="list"),
    path("records/new/", editor.record_create, name="create"),
    path("records/<int:pk>/", pages.record_detail, name="detail"),
    path("records/<int:pk>/edit/", editor.record_edit, name="edit"),
    path("records/<int:pk>/marc/", marc_edit.marc_edit, name="marc_edit"),
    path("records/<int:pk>/copies/new/", copies.copy_create, name="copy_create"),
    path("records/<int:pk>/labels/", copies.copy_labels, name="labels"),
    path("classification/<str:scheme>/", browse.browse, name="browse"),
    path("imports/", imports.import_list, name="imports"),
    path("imports/new/", imports.import_upload, name="import_upload"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/progress/", imports.import_progress, name="import_progress"),
    path("imports/<int:pk>/resume/", imports.import_resume, name="import_resume"),
]
