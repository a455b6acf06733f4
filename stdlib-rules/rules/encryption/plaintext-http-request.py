import requests
from urllib.request import urlopen

# ruleid: plaintext-http-request
resp = requests.post("http://payments.partner.com/api/charge", json=body)
# ruleid: plaintext-http-request
data = urlopen("http://api.weather.gov/points/39.7,-104.9").read()
# ruleid: plaintext-http-request
r = requests.get("http://203.0.113.7/status")

# ok: plaintext-http-request
resp = requests.post("https://payments.partner.com/api/charge", json=body)
# ok: plaintext-http-request
health = requests.get("http://localhost:8080/health")
# ok: plaintext-http-request
meta = requests.get("http://metadata.google.internal/computeMetadata/v1/")
# A service name on the cluster network.
# ok: plaintext-http-request
users = requests.get("http://users-service:8000/users")
