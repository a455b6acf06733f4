const express = require("express");
const { requireRole } = require("../middleware/session");
const db = require("../db");
const audit = require("../audit");

const router = express.Router();

// Any signed-in user can list every account.
router.get("/users", async (req, res) => {
  res.json(await db.query("SELECT id, email, role FROM users"));
});

router.post("/users/:id/role", requireRole("admin"), async (req, res) => {
  await db.query("UPDATE users SET role = $1 WHERE id = $2", [req.body.role, req.params.id]);
  await audit.record("user.role", req.session.user.id, req.params.id);
  res.sendStatus(204);
});

router.delete("/users/:id", requireRole("admin"), async (req, res) => {
  await db.query("DELETE FROM users WHERE id = $1", [req.params.id]);
  res.sendStatus(204);
});

module.exports = router;
