from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app)


# ruleid: auth-endpoint-without-rate-limit
@app.route("/login", methods=["GET", "POST"])
def login():
    return ""


# ok: auth-endpoint-without-rate-limit
@app.route("/register", methods=["POST"])
@limiter.limit("5 per minute")
def register():
    return ""


# ok: auth-endpoint-without-rate-limit
@app.route("/login")
def login_form():
    return ""


# ruleid: auth-endpoint-without-rate-limit
@app.post("/password-reset")
def password_reset():
    return ""


# ruleid: auth-endpoint-without-rate-limit
@app.post("/token")
def token():
    return ""


# Not an authentication path.
# ok: auth-endpoint-without-rate-limit
@app.post("/orders")
def orders():
    return ""
