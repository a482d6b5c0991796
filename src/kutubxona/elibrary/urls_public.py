from django.urls import path

from kutubxona.elibrary.views import public

app_name = "collections"
urlpatterns = [
    path("", public.collection_list, name="list"),
    path("<slug:code>/", public.collection_list, name="library"),
    path("<slug:code>/<int:pk>/", public.collection_page, name="collection"),
]
