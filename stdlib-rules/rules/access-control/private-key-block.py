# The positive case is assembled at test time (tests/e2e.rs): no key
# material is committed. These are the negatives.

# ok: private-key-block
PEM_HEADER = "-----BEGIN RSA PRIVATE KEY-----"


def is_private_key(text):
    # ok: private-key-block
    return text.startswith("-----BEGIN PRIVATE KEY-----\n")
