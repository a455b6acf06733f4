import os

DEBUG = True

SECRET_KEY = os.environ.get("SECRET_KEY", "acme-dev-Key-77f2a91c")
DATABASE_PASSWORD = os.environ["DATABASE_PASSWORD"]
PASSWORD_RESET_TIMEOUT = "3600"
