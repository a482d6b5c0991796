from django.urls import path

from kutubxona.acquisitions.views import receipts, registers, stocktakes, withdrawals

app_name = "acquisitions"
urlpatterns = [
    path("", receipts.receipt_list, name="receipts"),
    path("receipts/new/", receipts.receipt_create, name="receipt_create"),
    path("receipts/<int:pk>/", receipts.receipt_detail, name="receipt"),
    path("receipts/<int:pk>/edit/", receipts.receipt_edit, name="receipt_edit"),
    path("receipts/<int:pk>/cancel/", receipts.receipt_cancel, name="receipt_cancel"),
    path("receipts/<int:pk>/labels/", receipts.receipt_labels, name="receipt_labels"),
    path("queue/", receipts.queue_list, name="queue"),
    path("queue/<int:pk>/", receipts.queue_item, name="queue_item"),
    path("register/", registers.register_page, name="register"),
    path("register/<int:year>/", registers.register_page, name="register_year"),
    path("register/opening/", registers.opening_balance, name="opening"),
    path("accessions/", registers.accession_page, name="accessions"),
    path("withdrawals/", withdrawals.withdrawal_list, name="withdrawals"),
    path("withdrawals/new/", withdrawals.withdrawal_create, name="withdrawal_create"),
    path("withdrawals/<int:pk>/", withdrawals.withdrawal_detail, name="withdrawal"),
    path("withdrawals/<int:pk>/edit/", withdrawals.withdrawal_edit, name="withdrawal_edit"),
    path("withdrawals/<int:pk>/cancel/", withdrawals.withdrawal_cancel, name="withdrawal_cancel"),
    path("rare/", withdrawals.rare_page, name="rare"),
    path("rare/<int:pk>/unmark/", withdrawals.rare_unmark, name="rare_unmark"),
    path("rare/issue/", withdrawals.rare_issue, name="rare_issue"),
    path("stocktakes/", stocktakes.stocktake_list, name="stocktakes"),
    path("stocktakes/new/", stocktakes.stocktake_create, name="stocktake_create"),
    path("stocktakes/<int:pk>/", stocktakes.stocktake_detail, name="stocktake"),
    path("stocktakes/<int:pk>/scan/", stocktakes.stocktake_scan, name="stocktake_scan"),
    path("stocktakes/<int:pk>/close/", stocktakes.stocktake_close, name="stocktake_close"),
    path("stocktakes/<int:pk>/report/", stocktakes.stocktake_report, name="stocktake_report"),
]
