import ssl
import requests
import httpx
import aiohttp

# ruleid: tls-verification-disabled
requests.get("https://api.internal/health", verify=False)

# ruleid: tls-verification-disabled
resp = requests.post(url, json=payload, timeout=5, verify=False)

session = requests.Session()
# ruleid: tls-verification-disabled
session.verify = False

# ruleid: tls-verification-disabled
client = httpx.Client(verify=False)

# ruleid: tls-verification-disabled
ctx = ssl._create_unverified_context()

ctx2 = ssl.create_default_context()
# ruleid: tls-verification-disabled
ctx2.check_hostname = False
# ruleid: tls-verification-disabled
ctx2.verify_mode = ssl.CERT_NONE

# ruleid: tls-verification-disabled
sock = ssl.wrap_socket(raw, cert_reqs=ssl.CERT_NONE)

# ruleid: tls-verification-disabled
conn = aiohttp.TCPConnector(ssl=False)

# ok: tls-verification-disabled
requests.get("https://api.internal/health", verify=True)
# ok: tls-verification-disabled
requests.get("https://api.internal/health", verify="/etc/ssl/internal-ca.pem")
# ok: tls-verification-disabled
requests.get("https://api.internal/health")
# ok: tls-verification-disabled
ctx2.verify_mode = ssl.CERT_REQUIRED
# ok: tls-verification-disabled
jwt_options = dict(verify=False)
