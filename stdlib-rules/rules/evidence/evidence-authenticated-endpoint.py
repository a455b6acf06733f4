from flask import Flask, g, abort
from flask_login import login_required

app = Flask(__name__)


# ruleid: evidence-authenticated-endpoint
@app.route("/account")
@login_required
def account():
    return "me"


# ruleid: evidence-authenticated-endpoint
@app.get("/orders")
def orders():
    if g.user is None:
        abort(401)
    return []


# ok: evidence-authenticated-endpoint
@app.get("/catalog")
def catalog():
    return []


# ok: evidence-authenticated-endpoint
@app.post("/contact")
def contact():
    return "thanks"


# ruleid: evidence-authenticated-endpoint
@app.delete("/orders/<int:id>")
@login_required
def delete_order(id):
    return "", 204


# Sign-in answers 401 to a wrong password: not a guard.
# ok: evidence-authenticated-endpoint
@app.post("/login")
def login():
    if not check_password():
        abort(401)
    return "ok"
