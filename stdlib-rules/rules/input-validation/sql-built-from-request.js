app.get("/users", async (req, res) => {
  const { sort } = req.query;
  // ruleid: sql-built-from-request
  const rows = await db.query(`SELECT * FROM users ORDER BY ${sort}`);
  // ok: sql-built-from-request
  const one = await db.query("SELECT * FROM users WHERE id = $1", [req.query.id]);
  // ruleid: sql-built-from-request
  await knex.raw("DELETE FROM users WHERE id = " + req.params.id);
  res.json(rows);
});

app.get("/orders", async (req, res) => {
  const sql = "SELECT * FROM orders WHERE status = '" + req.query.status + "'";
  // ruleid: sql-built-from-request
  const rows = await pool.query(sql);
  // ok: sql-built-from-request
  const all = await pool.query("SELECT * FROM orders");
  // ok: sql-built-from-request
  const page = await pool.query(`SELECT * FROM orders LIMIT ${PAGE_SIZE}`);
  res.json({ rows, all, page });
});

app.post("/notes/search", async (req, res) => {
  const search = req.body.search;
  // ruleid: sql-built-from-request
  const query = { $where: `this.type == 'public' && this.name == '${search}'` };
  const items = await notes.find(query).toArray();
  // ok: sql-built-from-request
  const publicOnly = { $where: "this.type == 'public'" };
  res.json({ items, publicOnly });
});

app.get("/products", async (req, res) => {
  // ruleid: sql-built-from-request
  const items = await db.collection("products").find(JSON.parse(req.query.filter)).toArray();
  // ok: sql-built-from-request
  const named = await db.collection("products").find({ name: String(req.query.name) }).toArray();
  res.json({ items, named });
});

// Express: the value an app.param callback receives is a route parameter.
app.param("orderId", (req, res, next, orderId) => {
  // ruleid: sql-built-from-request
  db.query("SELECT * FROM orders WHERE id = " + orderId, (err, rows) => {
    req.order = rows[0];
    next(err);
  });
});
