from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kutubxona.core.modules import modules_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's institution and role, and the modules: open, coming, or not for this role."""
    user = request.user
    perms = user.permissions  # type: ignore[union-attr]
    institution = user.institution  # type: ignore[union-attr]
    return render(
        request,
        "core/home.html",
        {
            "institution": institution,
            "ancestors": institution.ancestors() if institution else [],
            "modules": modules_for(perms),
        },
    )
