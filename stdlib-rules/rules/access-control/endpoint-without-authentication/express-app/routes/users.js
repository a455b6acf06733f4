const express = require("express");
const { showProfile } = require("../controllers/profile");

const router = express.Router();

// ruleid: endpoint-without-authentication
router.get("/", (req, res) => res.json([]));

// The handler, in another file, checks the user first.
// ok: endpoint-without-authentication
router.get("/me", showProfile);

module.exports = router;
