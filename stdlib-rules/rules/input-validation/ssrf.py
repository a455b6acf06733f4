import requests
from flask import request


def preview():
    url = request.args["url"]
    # ruleid: ssrf
    return requests.get(url, timeout=5).text


def webhook_test():
    # ruleid: ssrf
    requests.post(request.json["callback"], json={"ok": True})


def proxy():
    target = f"http://{request.args['host']}/status"
    # ruleid: ssrf
    return session.get(target).content


def fixed():
    # ok: ssrf
    return requests.get("https://api.example.com/rates", timeout=5).json()


def by_id():
    # ok: ssrf
    return requests.get(API_URL, params={"id": request.args["id"]}).json()


def checked():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        return "no", 400
    # ok: ssrf
    return requests.get(url).text
