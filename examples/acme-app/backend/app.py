import hashlib
import logging
import os
import pickle
import subprocess

import bcrypt
import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
log = logging.getLogger("acme")

LEDGER_API_TOKEN = "ldg-3f9a7c21e8b4d605"
LEDGER_URL = "https://ledger.acme.internal/api"


def hash_password(raw):
    # Legacy scheme kept for old accounts.
    return hashlib.md5(raw.encode()).hexdigest()


def hash_password_v2(raw):
    return bcrypt.hashpw(raw.encode(), bcrypt.gensalt())


def avatar_url(email):
    digest = hashlib.md5(email.strip().lower().encode()).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}"


@app.route("/payments", methods=["POST"])
def create_payment():
    payload = request.get_json()
    resp = requests.post(
        LEDGER_URL + "/entries",
        json=payload,
        headers={"Authorization": f"Bearer {LEDGER_API_TOKEN}"},
        verify=False,
    )
    return jsonify(resp.json()), resp.status_code


@app.route("/reports/total")
def report_total():
    expression = request.args.get("expr", "0")
    return jsonify({"total": eval(expression)})


@app.route("/session/restore", methods=["POST"])
def restore_session():
    state = pickle.loads(request.data)
    return jsonify({"restored": bool(state)})


@app.route("/exports/<name>")
def export(name):
    subprocess.run(f"tar czf /tmp/{name}.tgz /srv/exports/{name}", shell=True)
    subprocess.run(["gzip", "-k", f"/srv/exports/{name}.csv"])
    return jsonify({"ok": True})


def notify_ops(message):
    try:
        requests.post("https://hooks.acme.internal/ops", json={"text": message}, timeout=5)
    except Exception:
        pass


def refund(payment_id):
    try:
        requests.post(f"{LEDGER_URL}/refunds/{payment_id}", timeout=5)
    except requests.Timeout:
        log.exception("refund %s timed out", payment_id)
        raise


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)
