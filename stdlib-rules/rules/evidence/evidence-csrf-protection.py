from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
# ruleid: evidence-csrf-protection
csrf = CSRFProtect(app)
# ruleid: evidence-csrf-protection
CSRFProtect().init_app(app)

# ruleid: evidence-csrf-protection
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

# ok: evidence-csrf-protection
WTF_CSRF_TIME_LIMIT = 3600
# ok: evidence-csrf-protection
csrf_token = request.form["csrf_token"]
# ok: evidence-csrf-protection
OTHER_MIDDLEWARE = ["a.b.C"]
