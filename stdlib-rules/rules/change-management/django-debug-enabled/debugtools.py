# Not a settings module.
# ok: django-debug-enabled
DEBUG = True
