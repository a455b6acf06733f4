// An Express app whose routers live in other files.
const express = require("express");
const users = require("./routes/users");
const admin = require("./routes/admin");
const health = require("./routes/health");
const { checkSession } = require("./middleware/session");
import reports from "./routes/reports.js";

const app = express();
app.use(express.json());
// A path held in a constant is mounted at the string it holds.
const HEALTH_PATH = "/health";
app.use(HEALTH_PATH, health);
// Mounted before the session check: its routes are public.
app.use("/users", users);
app.use("/admin", checkSession, admin);
app.use(checkSession);
// Mounted after it: guarded.
app.use("/reports", reports);

module.exports = app;
