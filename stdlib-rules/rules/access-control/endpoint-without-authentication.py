from fastapi import APIRouter, Depends, FastAPI
from flask import Blueprint, Flask, abort
from flask_login import current_user, login_required

app = Flask(__name__)


# ruleid: endpoint-without-authentication
@app.route("/api/orders")
def list_orders():
    return orders()


# ok: endpoint-without-authentication
@app.route("/api/account")
@login_required
def account():
    return current_user.account


# The decorator above the route does not protect it: Flask registers the
# unwrapped function.
@login_required
# ruleid: endpoint-without-authentication
@app.route("/api/settings")
def settings():
    return current_user.settings


# ok: endpoint-without-authentication
@app.get("/health")
def health():
    return "ok"


# ok: endpoint-without-authentication
@app.route("/api/report")
def report():
    if not current_user.is_authenticated:
        abort(401)
    return build_report()


api = FastAPI()


# ok: endpoint-without-authentication
@api.get("/items/{item_id}")
async def read_item(item_id: int, user=Depends(get_current_user)):
    return {"item_id": item_id}


# ruleid: endpoint-without-authentication
@api.post("/items")
async def create_item(item: dict):
    return item


router = APIRouter()


# ok: endpoint-without-authentication
@router.delete("/items/{item_id}", dependencies=[Depends(verify_token)])
async def delete_item(item_id: int):
    return None


admin = Blueprint("admin", __name__)


@admin.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401)


# ok: endpoint-without-authentication
@admin.route("/admin/users")
def users():
    return all_users()


# A check of the credentials in the handler that answers 401.
# ok: endpoint-without-authentication
@app.route("/basic-auth/<user>/<passwd>")
def basic_auth(user, passwd):
    if not check_basic_auth(user, passwd):
        return status_code(401)
    return {"authenticated": True, "user": user}


# A 401 on one branch only.
# ruleid: endpoint-without-authentication
@app.route("/maybe-auth")
def maybe_auth():
    if request.args.get("strict"):
        if not check_basic_auth("u", "p"):
            return status_code(401)
    return {}


# The view's work under `if request.user.is_authenticated:`, the others
# sent to the sign-in page.
# ok: endpoint-without-authentication
@app.route("/labs/xss")
def xss_lab(request):
    if request.user.is_authenticated:
        return render(request, "xss.html")
    else:
        return redirect("login")


# A view whose last statement is the check answers nothing to others.
# ok: endpoint-without-authentication
@app.route("/projects/manage")
def manage_projects(request):
    user = request.user
    if user.is_authenticated():
        return render(request, "manage.html")


# The same with the others sent away after it, to any page.
# ok: endpoint-without-authentication
@app.route("/groups/manage", methods=["GET", "POST"])
def manage_groups(request):
    user = request.user
    if user.is_authenticated():
        if request.method == "POST":
            return save_groups(request)
        return render(request, "groups.html")
    return redirect("/dashboard/", {"logged_in": False})


# …but not when what comes after it is the page itself.
# ruleid: endpoint-without-authentication
@app.route("/groups/list")
def list_groups(request):
    if request.user.is_authenticated:
        audit("listed groups")
    return render(request, "groups.html")


# A positive check with work after it guards nothing.
# ruleid: endpoint-without-authentication
@app.route("/tasks/<task_id>")
def task_details(request, task_id):
    logged_in = True
    if request.user.is_authenticated:
        logged_in = True
    else:
        logged_in = False
    return render(request, "task.html", {"logged_in": logged_in})


# No session user: back to the sign-in page.
# ok: endpoint-without-authentication
@app.route("/mfa", methods=["POST"])
def mfa_enable():
    if "username" not in g.session:
        return redirect("/user/login")
    return enable_mfa(g.session["username"])


# No token: 403.
# ok: endpoint-without-authentication
@app.route("/fetch/customer", methods=["POST"])
def fetch_customer():
    token = request.headers.get("Authorization")
    if not token:
        return jsonify({"Error": "Not Authenticated!"}), 403
    return customer(token)


# A missing record is not a missing login.
# ruleid: endpoint-without-authentication
@app.route("/customers/<cid>")
def customer_by_id(cid):
    record = Customer.query.get(cid)
    if not record:
        abort(404)
    return record.to_dict()


# A decorator of the project whose wrapper sends anonymous users to the
# sign-in page.
def authentication_decorator(func):
    def function(*args, **kwargs):
        if args[0].user.is_authenticated:
            return func(*args, **kwargs)
        else:
            return redirect("login")
    return function


# ok: endpoint-without-authentication
@app.route("/mitre/2")
@authentication_decorator
def mitre_top2(request):
    return render(request, "mitre_top2.html")


# FastAPI: a dependency in the route decorator, named for the superuser.
# ok: endpoint-without-authentication
@router.get("/users/", dependencies=[Depends(get_current_active_superuser)])
def read_users(session):
    return session.users()


# Public by design: password recovery and health checks.
# ok: endpoint-without-authentication
@router.post("/password-recovery/{email}")
def recover_password(email: str):
    return send_reset(email)


# ok: endpoint-without-authentication
@router.get("/utils/health-check/")
def health_check():
    return True


# A sign-in required for some pages only does not guard the endpoint.
def render_page(request, page):
    if page.registration_required and not request.user.is_authenticated:
        return redirect_to_login(request.path)
    return render(request, page.template)


# ruleid: endpoint-without-authentication
@app.route("/pages/<path:url>")
def flatpage(request, url):
    return render_page(request, get_page(url))


# A handler that checks the caller's password itself, and acts on the
# answer, is a sign-in wherever it is mounted.
# ok: endpoint-without-authentication
@app.route("/api/key", methods=["POST"])
def issue_key():
    data = request.get_json()
    key = accounts.exchange(data["username"], data["password"])
    if key:
        return {"key": key}
    else:
        return {"error": "invalid login"}, 403


# ok: endpoint-without-authentication
@app.post("/api/session")
def open_session():
    password = request.form["password"]
    if not accounts.check(request.form["email"], password):
        abort(403)
    return start_session()


# A password from the request that no check answers (a user created) is
# not a sign-in.
# ruleid: endpoint-without-authentication
@app.post("/api/users")
def add_user():
    data = request.get_json()
    user = accounts.create(data["username"], data["password"])
    return {"id": user.id}
