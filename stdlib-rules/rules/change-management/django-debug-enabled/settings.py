import os

# ruleid: django-debug-enabled
DEBUG = True

# ok: django-debug-enabled
TEMPLATE_DEBUG = True
