from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from kutubxona.core.views import audit, auth, home, language


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("language/", language.switch_language, name="switch_language"),
    path("audit/", audit.audit_log, name="audit"),
    path("institutions/", include("kutubxona.institutions.urls")),
    path("plan/", include("kutubxona.planning.urls")),
    path("catalog/", include("kutubxona.catalog.urls")),
    path("events/", include("kutubxona.events.urls")),
    path("hr/", include("kutubxona.hr.urls")),
    path("documents/", include("kutubxona.documents.urls")),
    path("methodology/", include("kutubxona.methodology.urls")),
    path("surveys/", include("kutubxona.surveys.urls")),
    path("outreach/", include("kutubxona.outreach.urls")),
    path("services/", include("kutubxona.services.urls")),
    path("opac/", include("kutubxona.opac.urls")),
    path("acquisitions/", include("kutubxona.acquisitions.urls")),
    path("visits/", include("kutubxona.attendance.urls")),
    path("interlibrary/", include("kutubxona.interlibrary.urls")),
    path("elibrary/", include("kutubxona.elibrary.urls")),
    path("collections/", include("kutubxona.elibrary.urls_public")),
    path("q/", include("kutubxona.elibrary.urls_short")),
    path("digitization/", include("kutubxona.digitization.urls")),
    path("readers/", include("kutubxona.readers.urls")),
    path("desk/", include("kutubxona.circulation.urls")),
    path("my/", include("kutubxona.circulation.urls_reader")),
    path("admin/", admin.site.urls),
    path("healthz", healthz),
]
