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


def create(username, password):
    c = conn.cursor()
    # ruleid: password-stored-unhashed
    c.execute("INSERT INTO users (username, password, failures) VALUES ('%s', '%s', '%d')" % (username, password, 0))


def password_change(username, password):
    # ruleid: password-stored-unhashed
    conn.cursor().execute("UPDATE users SET password = '{}' WHERE username = '{}'".format(password, username))


def password_set(username, password):
    key = scrypt_hash(password)
    # ok: password-stored-unhashed
    conn.cursor().execute("UPDATE users SET password = ? WHERE username = ?", (key, username))


def lab_login(request):
    password = request.POST.get("password")
    password = md5(password.encode()).hexdigest()
    # A lookup, not a write.
    # ok: password-stored-unhashed
    user = CSRF_user_tbl.objects.filter(username=request.POST.get("username"), password=password)
    return user


def reset(body):
    # A schema handed to a service that hashes.
    # ok: password-stored-unhashed
    user_in = UserUpdate(password=body.new_password)
    return user_in


def create_pending(username, password=None):
    # The password column left empty, set (hashed) later.
    # ok: password-stored-unhashed
    c.execute("INSERT INTO users (username, password, failures) VALUES ('%s', '%s', '%d')" % (username, "", 0))
