from django.urls import path

from kutubxona.catalog.views import (
    articles,
    browse,
    copies,
    copy_list,
    editor,
    fulltext,
    imports,
    marc_edit,
    pages,
)

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
    path("records/<int:pk>/files/new/", fulltext.fulltext_upload, name="fulltext_upload"),
    path("files/<int:pk>/", fulltext.fulltext_file, name="fulltext_file"),
    path("files/<int:pk>/access/", fulltext.fulltext_access, name="fulltext_access"),
    path("files/<int:pk>/remove/", fulltext.fulltext_remove, name="fulltext_remove"),
    path("articles/", articles.article_list, name="articles"),
    path("articles/new/", articles.article_create, name="article_create"),
    path("articles/<int:pk>/edit/", articles.article_edit, name="article_edit"),
    path("copies/", copy_list.copy_list, name="copies"),
    path("copies/<int:pk>/edit/", copy_list.copy_edit, name="copy_edit"),
    path("copies/selected/", copy_list.copies_selected, name="copies_selected"),
    path("copies/labels/", copy_list.labels_by_date, name="labels_by_date"),
]
