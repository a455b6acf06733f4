from Crypto.Cipher import AES, DES, ARC4
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# ruleid: weak-cipher
des = DES.new(key, DES.MODE_CBC, iv)

# ruleid: weak-cipher
rc4 = ARC4.new(key)

# ruleid: weak-cipher
ecb = AES.new(key, AES.MODE_ECB)

# ruleid: weak-cipher
c = Cipher(algorithms.TripleDES(key), modes.CBC(iv))

# ruleid: weak-cipher
c2 = Cipher(algorithms.AES(key), modes.ECB())

# ok: weak-cipher
gcm = AES.new(key, AES.MODE_GCM, nonce=nonce)
# ok: weak-cipher
c3 = Cipher(algorithms.AES(key), modes.GCM(iv))
# ok: weak-cipher
h = hashlib.new("sha256")
