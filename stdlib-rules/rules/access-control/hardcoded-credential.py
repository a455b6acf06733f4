import os

# ruleid: hardcoded-credential
DB_PASSWORD = "Tr0ub4dor&3x"

class Settings:
    def __init__(self):
        # ruleid: hardcoded-credential
        self.api_key = 'q8Zr3LmV0pX2kYt7'

# ruleid: hardcoded-credential
client = connect(host="db.internal", password="s3cr3t-Pa55")

config = {
    # ruleid: hardcoded-credential
    "client_secret": "9f8e7d6c5b4a3210",
    # ok: hardcoded-credential
    "client_id": "9f8e7d6c5b4a3210",
}

# ruleid: hardcoded-credential
def login(user, password="hunter2hunter2"):
    pass

# ruleid: hardcoded-credential
def fetch(token: str = "ab12cd34ef56gh78"):
    pass

# ruleid: hardcoded-credential
SECRET = os.environ.get("APP_SECRET", "fallback-9Xk2Lm")

# ruleid: hardcoded-credential
token = os.getenv("GITHUB_TOKEN", "t0k3n-Fallback-77")

# ok: hardcoded-credential
DB_PASSWORD = os.environ["DB_PASSWORD"]
# ok: hardcoded-credential
SECRET = os.environ.get("APP_SECRET", "")
# ok: hardcoded-credential
password = "changeme"
# ok: hardcoded-credential
api_key = "<your-api-key>"
# ok: hardcoded-credential
token = "${GITHUB_TOKEN}"
# ok: hardcoded-credential
PASSWORD_FIELD = "password"
# ok: hardcoded-credential
token_url = "https://auth.example.com/oauth/token"
# ok: hardcoded-credential
PASSWORD_RESET_TIMEOUT = "3600"
# ok: hardcoded-credential
password_help = "Your password must contain at least 8 characters."
# ok: hardcoded-credential
username = "Tr0ub4dor&3x"
# ok: hardcoded-credential
password = f"{prefix}-{suffix}"
# ok: hardcoded-credential
secret_name = "AWS_SECRET_ACCESS_KEY"

# Keys that sign or encrypt are reported whatever their value, weak ones too.
from flask import Flask
app = Flask(__name__)
# ruleid: hardcoded-credential
app.secret_key = 'F12Zr47j X R~X@H!jmM'
# ruleid: hardcoded-credential
app.config['SECRET_KEY'] = 'aaaaaaa'
# ruleid: hardcoded-credential
app.config["JWT_SECRET_KEY"] = 'dvga'
# ruleid: hardcoded-credential
app.config.update(SECRET_KEY="keyboard cat")
settings = {}
# ruleid: hardcoded-credential
settings['db']['password'] = 'Tr0ub4dor&3x'


class Config:
    # ruleid: hardcoded-credential
    SECRET_KEY = os.environ.get('SECRET_KEY') or 'you-will-never-guess'
    # ok: hardcoded-credential
    MAIL_PASSWORD = os.environ.get('MAIL_PASSWORD')


def env(name, default=None):
    return os.environ.get(name, default)


# ruleid: hardcoded-credential
SESSION_SECRET = env("SESSION_SECRET", default="dev-session-secret")


def export(secret):
    # ruleid: hardcoded-credential
    if secret != 'export123':
        raise PermissionError()


# Seeded accounts: a guessable password is a password.
# ruleid: hardcoded-credential
admin = dict(username="admin", password="letmein")

# ok: hardcoded-credential
app.config['SECRET_KEY'] = os.environ['SECRET_KEY']
# ok: hardcoded-credential
app.config['SECRET_KEY'] = ''
# ok: hardcoded-credential
app.secret_key = 'your-secret-key-here'
# ok: hardcoded-credential
JWT_GET_USER_SECRET_KEY = "myapp.authentication.services.user_jwt_secret"
# ok: hardcoded-credential
labels = {"password": "Password"}
# ok: hardcoded-credential
if password == "":
    pass


def sign_in(username, password):
    # The literal the code accepts as the password, however it looks.
    # ruleid: hardcoded-credential
    if username == "admin" and password == "admin_pass":
        return True
    # ruleid: hardcoded-credential
    if password == "root":
        return True
    # ok: hardcoded-credential
    if password_type == "bcrypt":
        return False
    # ok: hardcoded-credential
    if password == "password":
        raise ValueError("choose another password")
    return False


def export_all(include_secrets):
    # A flag read as text, not a credential.
    # ok: hardcoded-credential
    return include_secrets == "true"


# A generated password mixes cases and digits: not a name, however it is cased.
# ruleid: hardcoded-credential
DB_PASSWORD = "xK9mQ2pLr7TzW4vB8nYc3HdF"
# ruleid: hardcoded-credential
smtp_password = "Q7WZ2KX9M4PL8RT3"
# Another field's name, in camel case, is not one.
# ok: hardcoded-credential
api_key = "accessKeyId"
