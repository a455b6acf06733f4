const express = require("express");

// A router, not an app.
// ok: missing-security-headers
const router = express.Router();
module.exports = router;
