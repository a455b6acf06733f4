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


# Route parameters are request data: Flask's URL variables…
@app.route("/users/<name>")
def user_by_name(name):
    # ruleid: sql-built-from-request
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
    # ok: sql-built-from-request
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))


# …FastAPI's path and query parameters, not its dependencies…
@router.get("/items/{item_id}")
async def read_item(item_id: str, sort: str = "id", db: Session = Depends(get_db)):
    # ruleid: sql-built-from-request
    db.execute(text(f"SELECT * FROM items WHERE id = {item_id} ORDER BY {sort}"))
    # ok: sql-built-from-request
    db.execute(text(f"SELECT * FROM items ORDER BY {db.dialect.name}"))


# …and Django's URL captures (a view's parameters after the request).
def project_detail(request, project_id):
    with connection.cursor() as cursor:
        # ruleid: sql-built-from-request
        cursor.execute("SELECT * FROM projects WHERE id = " + project_id)


class TaskView(View):
    def get(self, request, slug):
        # ruleid: sql-built-from-request
        return Task.objects.raw("SELECT * FROM tasks WHERE slug = '%s'" % slug)


# A helper's parameters are not request data by themselves.
def count_rows(table):
    # ok: sql-built-from-request
    cursor.execute("SELECT COUNT(*) FROM " + table)
