from django.contrib.auth.hashers import make_password
from flask import request


def register_flask():
    user = User(email=request.form["email"])
    # ruleid: password-stored-unhashed
    user.password = request.form["password"]
    db.session.add(user)


def register_django(request):
    # ruleid: password-stored-unhashed
    User.objects.create(username=request.POST["username"], password=request.POST["password"])


def register_api():
    data = request.get_json()
    # ruleid: password-stored-unhashed
    account = Account(email=data["email"], password=data["password"])
    db.session.add(account)


def register_hashed():
    # ok: password-stored-unhashed
    user = User(email=request.form["email"], password=make_password(request.form["password"]))
    db.session.add(user)


def register_helper(request):
    # ok: password-stored-unhashed
    User.objects.create_user(request.POST["username"], password=request.POST["password"])


def change(request):
    # ok: password-stored-unhashed
    request.user.set_password(request.POST["password"])
