from django.urls import path

from kutubxona.circulation.views import desk, notices, overdue, reader, settings

app_name = "circulation"
urlpatterns = [
    path("", desk.desk, name="desk"),
    path("scan/", desk.desk_scan, name="scan"),
    path("loans/<int:pk>/<str:what>/", desk.loan_action, name="loan_action"),
    path("overdue/", overdue.overdue, name="overdue"),
    path("overdue/send/", overdue.overdue_send, name="overdue_send"),
    path("overdue/<int:pk>/letter.pdf", overdue.overdue_letter, name="overdue_letter"),
    path("holds/", overdue.holds, name="holds"),
    path("notices/", notices.notice_list, name="notices"),
    path("notices/<int:pk>/resend/", notices.notice_resend, name="notice_resend"),
    path("hold/", reader.hold_place, name="hold_place"),
    path("settings/", settings.desk_settings, name="settings"),
    path("settings/closed/<int:pk>/remove/", settings.holiday_remove, name="holiday_remove"),
]
