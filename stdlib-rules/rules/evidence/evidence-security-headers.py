from flask import Flask
from flask_talisman import Talisman

app = Flask(__name__)
# ruleid: evidence-security-headers
Talisman(app, content_security_policy=None)

# ruleid: evidence-security-headers
SECURE_SSL_REDIRECT = True
# ruleid: evidence-security-headers
SECURE_HSTS_SECONDS = 31536000

# ok: evidence-security-headers
SECURE_SSL_REDIRECT = False
# ok: evidence-security-headers
SECURE_HSTS_SECONDS = 0
# ok: evidence-security-headers
SESSION_COOKIE_SECURE = True
