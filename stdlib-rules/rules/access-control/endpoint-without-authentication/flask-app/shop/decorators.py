from functools import wraps

from flask import abort, g


def staff_only(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.user is None:
            abort(401)
        return view(*args, **kwargs)

    return wrapped
