import sqlite3


def login(username, password):
    c = sqlite3.connect("users.db").cursor()
    # ruleid: sql-built-by-formatting
    return c.execute("SELECT * FROM users WHERE username = '{}' and password = '{}'".format(username, password)).fetchone()


def create(conn, name):
    q = ("INSERT INTO students (name) "
         "VALUES ('%(name)s')" % {'name': name})
    # ruleid: sql-built-by-formatting
    conn.execute(q)


def status(db, order_id, value):
    raw_sql = f"""
        UPDATE orders SET status = '{value}'
        WHERE id = {order_id}
    """
    # ruleid: sql-built-by-formatting
    db.execute(text(raw_sql))


def pastes(query, flt):
    # ruleid: sql-built-by-formatting
    return query.filter(text("title = '%s' or content = '%s'" % (flt, flt)))


def owner(cursor, user):
    # ruleid: sql-built-by-formatting
    cursor.execute("SELECT * FROM t WHERE owner = " + str(user.id))


def find(cursor, name):
    # Placeholders, values passed apart.
    # ok: sql-built-by-formatting
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    # ok: sql-built-by-formatting
    cursor.execute("SELECT * FROM users WHERE name = :name", {"name": name})


def page(cursor, limit):
    q = "SELECT id FROM students"
    params = {}
    q += " LIMIT %(limit)s "
    params["limit"] = limit
    # ok: sql-built-by-formatting
    cursor.execute(q, params)


def drop(cursor, table):
    # An identifier, not a value.
    # ok: sql-built-by-formatting
    cursor.execute("DROP TABLE %s" % connection.ops.quote_name(table))
    # ok: sql-built-by-formatting
    cursor.execute(f"SELECT * FROM {table}")


def everyone(cursor, ids):
    # Placeholders built for a list.
    # ok: sql-built-by-formatting
    cursor.execute("SELECT * FROM t WHERE id = %s" , ids[0])


def seed(cursor, extra):
    # Rows of constants in the function, formatted in: nothing outside reaches them.
    users = [
        ("admin", hasher.hash("admin-password")),
        ("tim", "viewer"),
    ]
    for u, p in users:
        # ok: sql-built-by-formatting
        cursor.execute("INSERT INTO users (name, role) VALUES ('%s', '%s')" % (u, p))
    # A parameter joins the constants: reported.
    for name, role in users + extra:
        # ruleid: sql-built-by-formatting
        cursor.execute("INSERT INTO users (name, role) VALUES ('%s', '%s')" % (name, role))


class Store:
    def by_owner(self, cursor):
        # An object's state is not a constant of the function.
        # ruleid: sql-built-by-formatting
        cursor.execute("SELECT * FROM t WHERE owner = '%s'" % self.owner)
