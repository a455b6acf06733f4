# ok: django-debug-enabled
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
