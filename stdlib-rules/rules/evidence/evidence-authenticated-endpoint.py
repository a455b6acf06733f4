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
