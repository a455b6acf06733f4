from flask import Flask, make_response

app = Flask(__name__)

# ruleid: insecure-cookie-settings
SESSION_COOKIE_SECURE = False
# ruleid: insecure-cookie-settings
CSRF_COOKIE_SECURE = False
# ruleid: insecure-cookie-settings
app.config["SESSION_COOKIE_HTTPONLY"] = False

# ok: insecure-cookie-settings
SESSION_COOKIE_SECURE = True
# ok: insecure-cookie-settings
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
# Another setting that happens to be False.
# ok: insecure-cookie-settings
USE_TZ = False


def remember(resp, token):
    # ruleid: insecure-cookie-settings
    resp.set_cookie("remember", token, secure=False)
    # ruleid: insecure-cookie-settings
    resp.set_cookie("prefs", "dark", httponly=False, secure=True)
    # ok: insecure-cookie-settings
    resp.set_cookie("remember", token, secure=True, httponly=True, samesite="Lax")
    return resp
