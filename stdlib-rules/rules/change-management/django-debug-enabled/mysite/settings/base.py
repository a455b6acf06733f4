# ruleid: django-debug-enabled
DEBUG = True
ALLOWED_HOSTS = ["shop.example.com"]
