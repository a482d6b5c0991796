from django.urls import path

from kutubxona.attendance.views import day, diary, headcounts

app_name = "attendance"
urlpatterns = [
    path("", diary.diary_now, name="diary"),
    path("<int:year>/<int:month>/", diary.diary_month, name="diary_month"),
    path("day/<int:year>/<int:month>/<int:day>/", day.desk_day, name="day"),
    path("headcounts/", headcounts.headcount_list, name="headcounts"),
    path("headcounts/new/", headcounts.headcount_create, name="headcount_create"),
    path("headcounts/<int:pk>/", headcounts.headcount_edit, name="headcount_edit"),
    path("headcounts/<int:pk>/delete/", headcounts.headcount_delete, name="headcount_delete"),
]
