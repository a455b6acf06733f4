const express = require("express");
const helmet = require("helmet");

// ok: missing-security-headers
const app = express();
app.use(helmet());
