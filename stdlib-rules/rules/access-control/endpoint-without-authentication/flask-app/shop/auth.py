from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")


# Public by design: /auth/login.
# ok: endpoint-without-authentication
@bp.route("/login", methods=["GET", "POST"])
def login():
    return "login"
