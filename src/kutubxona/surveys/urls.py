from django.urls import path

from kutubxona.surveys import public, views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/open/", views.survey_publish, name="publish"),
    path("<int:pk>/copy/", views.survey_copy, name="copy"),
    path("<int:pk>/questions/new/", views.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question_id>/", views.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:question_id>/delete/", views.question_delete, name="question_delete"),
    path("<int:pk>/delete/", views.survey_delete, name="delete"),
    path("<int:pk>/paper/", views.paper_entry, name="paper"),
    path("<int:pk>/responses/", views.responses, name="responses"),
    path("<int:pk>/responses/<int:response_id>/delete/", views.response_delete, name="response_delete"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/answers.<str:fmt>", views.export, name="export"),
    path("<int:pk>/qr.<str:fmt>", views.qr, name="qr"),
    path("s/<str:token>/", public.answer, name="public"),
]
