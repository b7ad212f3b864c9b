from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import LoginForm
from .roles import ROLE_LABELS, user_roles


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get(self, request, *args, **kwargs):
        if request.session.pop("_portal_timed_out", False):
            messages.info(request, "Du ble logget ut fordi du ikke hadde vært aktiv på 30 minutter.")
        return super().get(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    """ "Min side": where each role starts, with links to what the role can do."""
    roles = user_roles(request.user)
    return render(
        request,
        "accounts/home.html",
        {"role_labels": [ROLE_LABELS[r] for r in sorted(roles)], "roles": {r.value for r in roles}},
    )
