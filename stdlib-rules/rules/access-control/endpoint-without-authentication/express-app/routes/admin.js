const router = require("express").Router();

// Mounted behind checkSession (middleware/session.js) in app.js.
// ok: endpoint-without-authentication
router.get("/stats", (req, res) => res.json({}));

// ok: endpoint-without-authentication
router.post("/users/:id/role", (req, res) => res.sendStatus(204));

module.exports = router;
