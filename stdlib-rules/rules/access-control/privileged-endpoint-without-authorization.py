from flask import Blueprint, abort, g
from flask_login import login_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


# Signed in, but any user may call it.
# ruleid: privileged-endpoint-without-authorization
@bp.route("/users")
@login_required
def users():
    return []


# ok: privileged-endpoint-without-authorization
@bp.route("/users/<int:id>/delete", methods=["POST"])
@login_required
@roles_required("admin")
def delete_user(id):
    return ""


# ok: privileged-endpoint-without-authorization
@bp.route("/settings")
@login_required
def settings():
    if not g.user.is_admin:
        abort(403)
    return {}


def get_report(id):
    report = load(id)
    if report.owner_id != g.user.id:
        abort(403)
    return report


# A helper that answers 403 on every path before returning.
# ok: privileged-endpoint-without-authorization
@bp.route("/reports/<int:id>")
@login_required
def report(id):
    r = get_report(id)
    return r.to_dict()


# ruleid: privileged-endpoint-without-authorization
@bp.route("/roles", methods=["POST"])
@login_required
def grant_role():
    return ""


# ruleid: privileged-endpoint-without-authorization
@bp.route("/impersonate/<int:id>", methods=["POST"])
@login_required
def impersonate(id):
    return ""


# A permission check after a sign-in check whose early answer is a 401.
# ok: privileged-endpoint-without-authorization
@bp.route("/roles/<int:id>", methods=["DELETE"])
def revoke_role(id):
    if g.user is None:
        return jsonify(error="sign in first"), 401
    if not g.user.is_admin:
        return jsonify(error="admins only"), 403
    return ""


# …not after an early answer of data.
# ruleid: privileged-endpoint-without-authorization
@bp.route("/roles/export")
@login_required
def export_roles():
    if request.args.get("mine"):
        return jsonify(roles_of(g.user))
    if not g.user.is_admin:
        return jsonify(error="admins only"), 403
    return jsonify(all_roles())
