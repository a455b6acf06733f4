from django.contrib.auth.hashers import make_password
from werkzeug.security import generate_password_hash
from argon2 import PasswordHasher

ph = PasswordHasher()


def register(form, user):
    # ruleid: evidence-password-hashing
    user.password = make_password(form["password"])
    # ruleid: evidence-password-hashing
    user.set_password(form["password"])
    # ruleid: evidence-password-hashing
    digest = generate_password_hash(form["password"])
    # ruleid: evidence-password-hashing
    other = ph.hash(form["password"])
    # ok: evidence-password-hashing
    etag = hashlib.sha256(body).hexdigest()
    # ok: evidence-password-hashing
    key = hash(form["email"])
    # ok: evidence-password-hashing
    h = files.hash(path)
