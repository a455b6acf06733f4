# Positive cases are assembled at test time (tests/e2e.rs) so that no value in
# a provider's live format is ever committed. These are the negatives.

# ok: known-secret-format
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"

# ok: known-secret-format
PEM_HEADER = "-----BEGIN RSA PRIVATE KEY-----"

def is_private_key(text):
    # ok: known-secret-format
    return text.startswith("-----BEGIN PRIVATE KEY-----")

# ok: known-secret-format
STRIPE_TEST_PREFIX = "sk_test_"
