from flask import Blueprint, abort
from flask_login import current_user

admin_bp = Blueprint("admin", __name__)


@admin_bp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401)


# Registered at /admin; the blueprint's hook checks the user.
# ok: endpoint-without-authentication
@admin_bp.route("/users")
def users():
    return "users"
