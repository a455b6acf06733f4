from fastapi.middleware.cors import CORSMiddleware
from flask_cors import CORS

# ruleid: permissive-cors
CORS(app, supports_credentials=True)
# ruleid: permissive-cors
CORS(app, origins="*", supports_credentials=True)
# ruleid: permissive-cors
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
# ruleid: permissive-cors
ALLOWED_HOSTS = ["*"]

# ok: permissive-cors
CORS(app, origins=["https://app.example.com"], supports_credentials=True)
# ok: permissive-cors
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
# A public API without credentials.
# ok: permissive-cors
api.add_middleware(CORSMiddleware, allow_origins=["*"])
# ok: permissive-cors
ALLOWED_HOSTS = ["app.example.com", ".example.com"]
# ok: permissive-cors
CORS_ALLOW_ALL_ORIGINS = False
