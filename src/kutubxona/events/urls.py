from django.urls import path

from kutubxona.events.views import calendar, events, photos

app_name = "events"
urlpatterns = [
    path("", events.event_list, name="list"),
    path("new/", events.event_create, name="create"),
    path("calendar/", calendar.month_calendar, name="calendar"),
    path("calendar/<int:year>/<int:month>/", calendar.month_calendar, name="calendar_month"),
    path("plan/", calendar.plan_page, name="plan"),
    path("plan/<int:year>/", calendar.plan_page, name="plan_year"),
    path("plan/<int:year>/xlsx/", calendar.plan_xlsx, name="plan_xlsx"),
    path("<int:pk>/", events.event_detail, name="detail"),
    path("<int:pk>/edit/", events.event_edit, name="edit"),
    path("<int:pk>/held/", events.event_held, name="held"),
    path("<int:pk>/status/<str:status>/", events.event_status, name="status"),
    path("<int:pk>/items/", events.item_add, name="item_add"),
    path("<int:pk>/items/<int:item_id>/remove/", events.item_remove, name="item_remove"),
    path("<int:pk>/photos/", photos.photo_add, name="photo_add"),
    path("<int:pk>/photos/<int:photo_id>/remove/", photos.photo_remove, name="photo_remove"),
    path("<int:pk>/photos/<int:photo_id>/<str:size>/", photos.photo_file, name="photo"),
]
