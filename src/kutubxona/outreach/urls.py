from django.urls import path

from kutubxona.outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("agreements/<int:pk>/file/", views.agreement_file, name="agreement_file"),
    path("<slug:kind>/", views.entry_list, name="list"),
    path("<slug:kind>/new/", views.entry_create, name="create"),
    path("<slug:kind>/<int:pk>/", views.entry_edit, name="edit"),
    path("<slug:kind>/<int:pk>/delete/", views.entry_delete, name="delete"),
]
