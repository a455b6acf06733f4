const express = require("express");
const rateLimit = require("express-rate-limit");
const app = express();

// ruleid: auth-endpoint-without-rate-limit
app.post("/login", (req, res) => res.sendStatus(204));

// Showing the form is not the target.
// ok: auth-endpoint-without-rate-limit
app.get("/login", (req, res) => res.send("form"));

const loginLimiter = rateLimit({ windowMs: 60000, max: 5 });
// ok: auth-endpoint-without-rate-limit
app.post("/signup", loginLimiter, (req, res) => res.sendStatus(201));

app.use("/auth", rateLimit({ windowMs: 60000, max: 20 }));
// ok: auth-endpoint-without-rate-limit
app.post("/auth/password-reset", (req, res) => res.sendStatus(202));

// ruleid: auth-endpoint-without-rate-limit
app.post("/api/token", (req, res) => res.json({}));

// ruleid: auth-endpoint-without-rate-limit
app.post("/verify-otp", (req, res) => res.sendStatus(204));
