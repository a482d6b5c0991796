from django.urls import path

from kutubxona.hr import views

app_name = "hr"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("report/", views.report, name="report"),
    path("report/issue/", views.issue, name="issue"),
    path("reports/", views.issued_reports, name="reports"),
    path("reports/<int:pk>/", views.issued_report, name="issued_report"),
    path("trainings/", views.training_list, name="trainings"),
    path("trainings/new/", views.training_create, name="training_create"),
    path("trainings/<int:pk>/", views.training_detail, name="training"),
]
