from django.urls import path

from kutubxona.elibrary.views import boards, collections

app_name = "elibrary"
urlpatterns = [
    path("", collections.collection_list, name="list"),
    path("new/", collections.collection_create, name="create"),
    path("<int:pk>/", collections.collection_detail, name="collection"),
    path("<int:pk>/edit/", collections.collection_edit, name="edit"),
    path("<int:pk>/items/", collections.item_add, name="item_add"),
    path("items/<int:pk>/remove/", collections.item_remove, name="item_remove"),
    path("items/<int:pk>/access/", collections.item_access, name="item_access"),
    path("items/<int:pk>/file/", collections.item_file, name="item_file"),
    path("boards/", boards.board_list, name="boards"),
    path("boards/new/", boards.board_create, name="board_create"),
    path("boards/<int:pk>/", boards.board_detail, name="board"),
    path("boards/<int:pk>/edit/", boards.board_edit, name="board_edit"),
    path("boards/<int:pk>/items/", boards.board_item_add, name="board_item_add"),
    path("boards/items/<int:pk>/remove/", boards.board_item_remove, name="board_item_remove"),
    path("boards/items/<int:pk>/move/", boards.board_item_move, name="board_item_move"),
    path("boards/<int:pk>/poster.pdf", boards.board_poster, name="board_poster"),
]
