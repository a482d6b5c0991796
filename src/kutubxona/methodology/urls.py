from django.urls import path

from kutubxona.methodology import views

app_name = "methodology"
urlpatterns = [
    path("libraries/", views.library_list, name="libraries"),
    path("libraries/new/", views.library_create, name="library_create"),
    path("libraries/issue/", views.issue_directory, name="issue_directory"),
    path("libraries/<int:pk>/", views.library_detail, name="library"),
    path("help/", views.help_list, name="help_list"),
    path("help/new/", views.help_create, name="help_create"),
    path("help/<int:pk>/", views.help_detail, name="help"),
    path("help/<int:pk>/delete/", views.help_delete, name="help_delete"),
]
