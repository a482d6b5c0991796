from django.urls import path

from kutubxona.services.views import orders, prices, public, receipts

app_name = "services"
urlpatterns = [
    path("", orders.order_list, name="index"),
    path("orders/new/", orders.order_create, name="order_create"),
    path("orders/<int:pk>/", orders.order_detail, name="order"),
    path("orders/<int:pk>/start/", orders.order_start, name="order_start"),
    path("orders/<int:pk>/upload/", orders.order_upload, name="order_upload"),
    path("orders/<int:pk>/pay/", orders.order_pay, name="order_pay"),
    path("orders/<int:pk>/deliver/", orders.order_deliver, name="order_deliver"),
    path("orders/<int:pk>/cancel/", orders.order_cancel, name="order_cancel"),
    path("orders/<int:pk>/renew/", orders.order_renew, name="order_renew"),
    path("prices/", prices.price_list, name="prices"),
    path("prices/print/", prices.price_list_print, name="prices_print"),
    path("prices/new/", prices.service_create, name="service_create"),
    path("prices/<int:pk>/price/", prices.price_create, name="price_create"),
    path("receipts/", receipts.receipt_list, name="receipts"),
    path("receipts/new/", receipts.receipt_create, name="receipt_create"),
    path("receipts/<int:pk>/", receipts.receipt_detail, name="receipt"),
    path("receipts/<int:pk>/print/", receipts.receipt_print, name="receipt_print"),
    path("receipts/<int:pk>/cancel/", receipts.receipt_cancel, name="receipt_cancel"),
    path("cash/", receipts.cash_summary, name="cash"),
    path("totals/", receipts.service_totals, name="totals"),
    # The customer's link (no login): the page, and the file that marks the order delivered.
    path("d/<str:token>/", public.download_page, name="download"),
    path("d/<str:token>/file/", public.download_file, name="download_file"),
]
