from django.urls import path

from kutubxona.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("security-report/", views.security_report, name="security_report"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/delete/", views.document_delete, name="delete"),
    path("<int:pk>/file/", views.document_file, name="file"),
]
