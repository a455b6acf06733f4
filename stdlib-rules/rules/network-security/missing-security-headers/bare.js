const express = require("express");

// ruleid: missing-security-headers
const app = express();
app.get("/", (req, res) => res.send("hi"));
app.listen(3000);
