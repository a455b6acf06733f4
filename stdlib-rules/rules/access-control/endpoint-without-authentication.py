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
