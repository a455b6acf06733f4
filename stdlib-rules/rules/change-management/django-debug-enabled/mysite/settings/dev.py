# ok: django-debug-enabled
DEBUG = True
