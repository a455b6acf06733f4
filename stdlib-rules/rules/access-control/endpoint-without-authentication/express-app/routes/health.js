const router = require("express").Router();

// Mounted at /health: public by design.
// ok: endpoint-without-authentication
router.get("/", (req, res) => res.send("ok"));

module.exports = router;
