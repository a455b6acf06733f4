const express = require("express");

// ruleid: missing-security-headers
let api = express();
api.use(express.json());
module.exports = api;
