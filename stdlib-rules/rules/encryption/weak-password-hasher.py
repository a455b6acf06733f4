import bcrypt
import hashlib

# ruleid: weak-password-hasher
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# ok: weak-password-hasher
OTHER_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]


def hash_password(pw):
    # ruleid: weak-password-hasher
    salt = bcrypt.gensalt(rounds=4)
    # ruleid: weak-password-hasher
    key = hashlib.pbkdf2_hmac("sha256", pw, salt, 1000)
    # ok: weak-password-hasher
    good_salt = bcrypt.gensalt(rounds=12)
    # ok: weak-password-hasher
    good_key = hashlib.pbkdf2_hmac("sha256", pw, salt, 600_000)
    # ok: weak-password-hasher
    default_salt = bcrypt.gensalt()
    return salt, key, good_salt, good_key, default_salt
