from flask import Flask, render_template

from . import api
from .admin import admin_bp
from .auth import bp as auth_bp

app = Flask(__name__)
app.register_blueprint(auth_bp)
app.register_blueprint(admin_bp, url_prefix="/admin")
app.register_blueprint(api.bp, url_prefix="/api")


def index():
    return render_template("index.html")


def account():
    return render_template("account.html")


# ruleid: endpoint-without-authentication
app.add_url_rule("/", view_func=index)

# ok: endpoint-without-authentication
app.add_url_rule("/account", "account", login_required(account), methods=["GET"])
