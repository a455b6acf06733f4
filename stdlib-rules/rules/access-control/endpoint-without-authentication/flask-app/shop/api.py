from flask import Blueprint

from .decorators import staff_only

bp = Blueprint("api", __name__)


# A decorator of this project that checks the user in its wrapper.
# ok: endpoint-without-authentication
@bp.route("/orders")
@staff_only
def orders():
    return []


# ruleid: endpoint-without-authentication
@bp.route("/catalog")
def catalog():
    return []
