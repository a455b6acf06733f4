from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from flask import redirect, request


def after_login():
    # ruleid: open-redirect
    return redirect(request.args.get("next"))


def django_next(request):
    target = request.GET["next"]
    # ruleid: open-redirect
    return HttpResponseRedirect(target)


def go():
    url = request.form["url"]
    # ruleid: open-redirect
    return redirect(url, code=302)


def checked(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    # ok: open-redirect
    return HttpResponseRedirect(target)


def order_page():
    # ok: open-redirect
    return redirect("/orders/" + request.args["id"])


def home():
    # ok: open-redirect
    return redirect("/")


def profile_picture(request, user_id):
    # ruleid: open-redirect
    redirect_target = redirect(request.GET["next"] + user_id)
    # A URL of a stored record looked up by the id from the URL.
    user = User.objects.get(pk=user_id)
    # ok: open-redirect
    return redirect(user.profile.image_url)
