import random
import secrets
import string


def issue():
    # ruleid: insecure-randomness
    reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    # ruleid: insecure-randomness
    otp = random.randint(100000, 999999)
    # ruleid: insecure-randomness
    api_key = "%032x" % random.getrandbits(128)
    # ok: insecure-randomness
    session_token = secrets.token_urlsafe(32)
    # ok: insecure-randomness
    otp_code = secrets.randbelow(1_000_000)
    # Not a secret.
    # ok: insecure-randomness
    jitter = random.uniform(0, 0.5)
    # ok: insecure-randomness
    password = "".join(random.SystemRandom().choice(string.ascii_letters) for _ in range(16))
    return reset_token, otp, api_key, session_token, otp_code, jitter, password
