from .base import *  # noqa

# ruleid: django-debug-enabled
DEBUG = True

# ok: django-debug-enabled
DEBUG_PROPAGATE_EXCEPTIONS = False
