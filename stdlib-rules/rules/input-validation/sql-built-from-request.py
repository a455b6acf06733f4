from flask import request


def search():
    name = request.args.get("name")
    query = "SELECT * FROM users WHERE name = '" + name + "'"
    # ruleid: sql-built-from-request
    cursor.execute(query)
    # ruleid: sql-built-from-request
    cursor.execute(f"DELETE FROM users WHERE id = {request.form['id']}")
    # Parameters are passed apart from the SQL.
    # ok: sql-built-from-request
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))


def report(user):
    # Built, but not from the request.
    # ok: sql-built-from-request
    cursor.execute("SELECT * FROM t WHERE owner = " + str(user.id))


def search_orders():
    status = request.args["status"]
    # ruleid: sql-built-from-request
    rows = Order.objects.raw("SELECT * FROM orders WHERE status = '%s'" % status)
    # ok: sql-built-from-request
    rows2 = Order.objects.raw("SELECT * FROM orders WHERE status = %s", [status])
    return rows, rows2


def legacy_search():
    term = request.args["q"]
    # ruleid: sql-built-from-request
    return Entry.objects.extra(where=["headline LIKE '%%%s%%'" % term])
