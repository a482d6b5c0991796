from django.urls import path

from kutubxona.readers.views import housekeeping, readers

app_name = "readers"
urlpatterns = [
    path("", readers.reader_list, name="list"),
    path("new/", readers.reader_create, name="create"),
    path("duplicates/", housekeeping.duplicates, name="duplicates"),
    path("merge/", housekeeping.merge, name="merge"),
    path("organisations/", housekeeping.organisations, name="organisations"),
    path("<int:pk>/", readers.reader_detail, name="detail"),
    path("<int:pk>/edit/", readers.reader_edit, name="edit"),
    path("<int:pk>/card.pdf", readers.reader_card, name="card"),
    path("<int:pk>/renew/", readers.reader_renew, name="renew"),
    path("<int:pk>/pin/", readers.reader_pin, name="pin"),
]
