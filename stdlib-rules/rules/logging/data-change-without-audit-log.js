const express = require("express");
const logger = require("./logger");
const app = express();

app.post("/api/users", async (req, res) => {
  // ruleid: data-change-without-audit-log
  const user = await User.create(req.body);
  res.status(201).json(user);
});

app.delete("/api/users/:id", async (req, res) => {
  // ok: data-change-without-audit-log
  await User.destroy({ where: { id: req.params.id } });
  logger.info("user deleted", { id: req.params.id, by: req.user.id });
  res.sendStatus(204);
});

app.put("/api/users/:id", async (req, res) => {
  // ok: data-change-without-audit-log
  await db.query("UPDATE users SET name = $1 WHERE id = $2", [req.body.name, req.params.id]);
  await auditLog.record("user.update", req.user.id, req.params.id);
  res.sendStatus(204);
});

app.get("/api/users", async (req, res) => {
  // Reads are not changes.
  // ok: data-change-without-audit-log
  res.json(await User.findAll());
});

// A handler named in the route, defined in this file.
async function removeOrder(req, res) {
  // ruleid: data-change-without-audit-log
  await Order.destroy({ where: { id: req.params.id } });
  res.sendStatus(204);
}
app.delete("/api/orders/:id", removeOrder);

// Not a handler of any route.
async function purge() {
  // ok: data-change-without-audit-log
  await Order.destroy({ where: { expired: true } });
}

app.patch("/api/orders/:id", async (req, res) => {
  // ruleid: data-change-without-audit-log
  await Order.update({ status: req.body.status }, { where: { id: req.params.id } });
  res.sendStatus(204);
});
