from flask import Blueprint
from flask_login import login_required

reports = Blueprint("reports", __name__, url_prefix="/reports")


# ruleid: endpoint-without-authentication
@reports.route("/daily")
def daily():
    return build_daily()


# ok: endpoint-without-authentication
@reports.route("/monthly")
@login_required
def monthly():
    return build_monthly()


auth = Blueprint("auth", __name__, url_prefix="/auth")


# ok: endpoint-without-authentication
@auth.route("/login", methods=("GET", "POST"))
def login():
    return render_login()
