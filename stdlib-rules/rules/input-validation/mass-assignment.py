from flask import request


def signup():
    # ruleid: mass-assignment
    User.objects.create(**request.POST)


def update(id):
    data = request.get_json()
    # ruleid: mass-assignment
    User.objects.filter(id=id).update(**data)


def create_item():
    # Fields picked one by one.
    # ok: mass-assignment
    Item.objects.create(name=request.POST["name"], price=request.POST["price"])


def profile():
    # ruleid: mass-assignment
    user = User(**request.form)
    return user


def settings():
    # Explicitly allowed fields.
    data = {k: request.json[k] for k in ("theme", "language")}
    # ok: mass-assignment
    Settings.objects.create(**data)


def defaults():
    # Keyword arguments that do not come from the request.
    # ok: mass-assignment
    Item.objects.create(**DEFAULT_ITEM)
