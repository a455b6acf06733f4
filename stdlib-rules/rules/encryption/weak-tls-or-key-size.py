import ssl

from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.asymmetric import rsa

# ruleid: weak-tls-or-key-size
ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
ok_ctx = ssl.create_default_context()
# ruleid: weak-tls-or-key-size
ok_ctx.minimum_version = ssl.TLSVersion.TLSv1_1
# ruleid: weak-tls-or-key-size
key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
# ruleid: weak-tls-or-key-size
legacy = RSA.generate(1024)

# ok: weak-tls-or-key-size
ok_ctx.minimum_version = ssl.TLSVersion.TLSv1_2
# ok: weak-tls-or-key-size
key2 = rsa.generate_private_key(public_exponent=65537, key_size=3072)
# ok: weak-tls-or-key-size
modern = RSA.generate(2048)
# ok: weak-tls-or-key-size
ctx2 = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


from OpenSSL import SSL

# ruleid: weak-tls-or-key-size
legacy = SSL.Context(SSL.TLSv1_METHOD)
# ruleid: weak-tls-or-key-size
ancient = SSL.Context(SSL.SSLv3_METHOD)
# ok: weak-tls-or-key-size
modern = SSL.Context(SSL.TLS_METHOD)
