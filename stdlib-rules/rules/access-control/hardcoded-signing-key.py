import hmac
import hashlib
import os

import jwt
from cryptography.fernet import Fernet
from itsdangerous import URLSafeTimedSerializer


def issue(user):
    # ruleid: hardcoded-signing-key
    return jwt.encode({"sub": user}, "csrf_vulneribility", algorithm="HS256")


def check(token):
    # ruleid: hardcoded-signing-key
    return jwt.decode(token, key="s3cr3t", algorithms=["HS256"])


def sessions():
    key = 'ZmFrZS1mZXJuZXQta2V5LWZvci10ZXN0cy0wMDAwMDA='
    # ruleid: hardcoded-signing-key
    return Fernet(key)


def sign(message):
    # ruleid: hardcoded-signing-key
    return hmac.new(b"webhook-key", message, hashlib.sha256).hexdigest()


# ruleid: hardcoded-signing-key
serializer = URLSafeTimedSerializer("secret")


def issue_ok(user):
    # ok: hardcoded-signing-key
    return jwt.encode({"sub": user}, os.environ["JWT_SECRET"], algorithm="HS256")


def check_ok(token, settings):
    # ok: hardcoded-signing-key
    return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])


def sessions_ok():
    key = os.environ.get("FERNET_KEY")
    # ok: hardcoded-signing-key
    return Fernet(key)


def sign_ok(message, secret):
    # ok: hardcoded-signing-key
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
