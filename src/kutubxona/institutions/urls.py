from django.urls import path

from kutubxona.institutions import views

app_name = "institutions"
urlpatterns = [
    path("", views.institution_list, name="list"),
    path("<slug:code>/", views.institution_detail, name="detail"),
    path("<slug:code>/edit/", views.institution_edit, name="edit"),
    path("<slug:code>/staff/new/", views.staff_create, name="staff_create"),
    path("<slug:code>/staff/<int:user_id>/", views.staff_edit, name="staff_edit"),
]
