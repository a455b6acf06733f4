import hashlib
import hmac

# ruleid: weak-hash-for-credentials
stored = hashlib.md5(password.encode()).hexdigest()

# ruleid: weak-hash-for-credentials
password_hash = hashlib.sha1(raw).hexdigest()

def hash_password(raw):
    # ruleid: weak-hash-for-credentials
    return hashlib.md5(raw + SALT).hexdigest()

# ruleid: weak-hash-for-credentials
sig = hmac.new(key, body, hashlib.md5).hexdigest()

# ruleid: weak-hash-for-credentials
digest = hashlib.new("sha1", token.encode())

# ok: weak-hash-for-credentials
cache_key = hashlib.md5(url.encode()).hexdigest()
# ok: weak-hash-for-credentials
gravatar = "https://www.gravatar.com/avatar/" + hashlib.md5(email.lower().encode()).hexdigest()
# ok: weak-hash-for-credentials
etag = hashlib.sha1(content).hexdigest()
# ok: weak-hash-for-credentials
password_hash = hashlib.sha256(password.encode()).hexdigest()
# ok: weak-hash-for-credentials
fingerprint = hashlib.md5(password.encode(), usedforsecurity=False).hexdigest()
# ok: weak-hash-for-credentials
sig = hmac.new(key, body, hashlib.sha256).hexdigest()


from hashlib import md5


def check_password(self, password):
    # ruleid: weak-hash-for-credentials
    return self.pwd_hash == md5(password.encode("utf-8")).hexdigest()


def lab_login(request):
    password = request.POST.get("password")
    # ruleid: weak-hash-for-credentials
    password = md5(password.encode()).hexdigest()
    return password


def etag(body):
    # ok: weak-hash-for-credentials
    return md5(body).hexdigest()
