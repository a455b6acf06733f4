from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
# ruleid: evidence-rate-limiting
limiter = Limiter(get_remote_address, app=app, default_limits=["200 per day"])


# ruleid: evidence-rate-limiting
@limiter.limit("5 per minute")
def login():
    return "ok"


# ruleid: evidence-rate-limiting
REST_FRAMEWORK = {"DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"]}

# ok: evidence-rate-limiting
LIMIT = 10


# ok: evidence-rate-limiting
@app.route("/x")
def x():
    return "x"


# ok: evidence-rate-limiting
rows = query.limit(10)
