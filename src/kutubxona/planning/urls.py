from django.urls import path

from kutubxona.planning.views import importing, lines, plans, reports, targets

app_name = "planning"
urlpatterns = [
    path("", plans.plan_list, name="list"),
    path("import/", importing.import_plan, name="import"),
    path("rollup/<slug:code>/<int:year>/", reports.rollup, name="rollup"),
    path("<int:plan_id>/", plans.plan_detail, name="plan"),
    path("<int:plan_id>/report/", reports.report, name="report"),
    path("<int:plan_id>/targets/", targets.targets, name="targets"),
    path("<int:plan_id>/targets/<str:number>/remove/", targets.remove_line, name="remove_line"),
    path("<int:plan_id>/<str:step>/", plans.plan_workflow, name="workflow"),
    path("<int:plan_id>/line/<str:number>/", lines.line_detail, name="line"),
    path("<int:plan_id>/line/<str:number>/<str:how>/", lines.line_change, name="line_change"),
    path("<int:plan_id>/fact/<int:fact_id>/delete/", lines.fact_delete, name="fact_delete"),
    path("<int:plan_id>/fact/<int:fact_id>/file/", lines.fact_file, name="fact_file"),
]
