import datetime

import jwt


def read(token, key):
    # ruleid: jwt-not-verified
    claims = jwt.decode(token, options={"verify_signature": False})
    # ruleid: jwt-not-verified
    claims = jwt.decode(token, key, algorithms=["HS256", "none"])
    # ruleid: jwt-not-verified
    claims = jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False})
    # ok: jwt-not-verified
    claims = jwt.decode(token, key, algorithms=["HS256"])
    # ok: jwt-not-verified
    claims = jwt.decode(token, key, algorithms=["RS256"], audience="api")
    return claims


def issue(user, key):
    # ruleid: jwt-not-verified
    forever = jwt.encode({"sub": user.id}, key, algorithm="HS256")
    # ok: jwt-not-verified
    token = jwt.encode(
        {"sub": user.id, "exp": datetime.datetime.utcnow() + datetime.timedelta(hours=1)},
        key,
        algorithm="HS256",
    )
    # ok: jwt-not-verified
    header = jwt.get_unverified_header(token)
    return forever, token, header


from jwt import decode


def identity(token):
    # ruleid: jwt-not-verified
    return decode(token, options={"verify_signature": False, "verify_exp": True}).get("identity")


OPTIONS = {
    # ruleid: jwt-not-verified
    "verify_exp": False,
}


VERIFY_SIGNATURE = False
VERIFY_EXPIRY = True


def claims_of(token):
    # A module constant that turns the check off.
    # ruleid: jwt-not-verified
    return jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_signature": VERIFY_SIGNATURE})


def expiry_of(token):
    # ok: jwt-not-verified
    return jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": VERIFY_EXPIRY})
