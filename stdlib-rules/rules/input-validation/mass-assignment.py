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
