const router = require("express").Router();

// ruleid: evidence-authorization-check
router.delete("/users/:id", requireRole("admin"), (req, res) => res.sendStatus(204));

// ruleid: evidence-authorization-check
router.post("/users/:id/ban", (req, res) => {
  if (req.user.role !== "admin") return res.sendStatus(403);
  res.sendStatus(204);
});

// ok: evidence-authorization-check
router.get("/users", (req, res) => res.json([]));

// ok: evidence-authorization-check
router.get("/users/:id", (req, res) => res.json({}));

module.exports = router;

// ruleid: evidence-authorization-check
router.put("/roles/:id", authorize("roles:write"), (req, res) => res.sendStatus(204));

// ok: evidence-authorization-check
router.post("/feedback", (req, res) => res.sendStatus(202));
