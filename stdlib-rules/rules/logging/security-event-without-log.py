import logging

from django.contrib import auth
from flask_login import login_user, logout_user

security_log = logging.getLogger("security")


def login_view(request, user):
    # ruleid: security-event-without-log
    login_user(user)
    return redirect("/")


def logout_view(request):
    # ok: security-event-without-log
    logout_user()
    security_log.info("logout user=%s", request.user.id)
    return redirect("/")


def change_password(request, user, new):
    security_log.info("password change user=%s", user.id)
    # ok: security-event-without-log
    user.set_password(new)
    user.save()


def promote(request, user):
    # ruleid: security-event-without-log
    user.is_staff = True
    user.save()


def reset_all(users):
    # Not request handling (a management command).
    for user in users:
        # ok: security-event-without-log
        user.set_password(None)


def disable_mfa(request):
    # ruleid: security-event-without-log
    request.user.mfa_enabled = False
    request.user.save()
