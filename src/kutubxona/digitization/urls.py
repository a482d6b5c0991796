from django.urls import path

from kutubxona.digitization import views

app_name = "digitization"
urlpatterns = [
    path("", views.scan_list, name="list"),
    path("new/", views.scan_create, name="create"),
    path("<int:pk>/", views.scan_detail, name="detail"),
    path("<int:pk>/pages/", views.scan_upload, name="upload"),
    path("<int:pk>/ocr/", views.scan_start, name="start"),
    path("<int:pk>/retry/", views.scan_retry, name="retry"),
    path("<int:pk>/again/", views.scan_again, name="again"),
    path("<int:pk>/delete/", views.scan_delete, name="delete"),
    path("<int:pk>/progress/", views.scan_progress, name="progress"),
    path("pages/<int:pk>/", views.page_read, name="read"),
    path("pages/<int:pk>/move/", views.page_move, name="move"),
    path("pages/<int:pk>/remove/", views.page_remove, name="remove"),
    path("pages/<int:pk>/thumbnail/", views.page_thumbnail, name="thumbnail"),
    path("pages/<int:pk>/image/", views.page_image, name="image"),
]
