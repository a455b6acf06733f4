const express = require("express");
const passport = require("passport");

const app = express();

// ruleid: evidence-authenticated-endpoint
app.get("/me", passport.authenticate("jwt"), (req, res) => res.json(req.user));

// ruleid: evidence-authenticated-endpoint
app.get("/orders", (req, res) => {
  if (!req.user) return res.sendStatus(401);
  res.json([]);
});

// ok: evidence-authenticated-endpoint
app.get("/catalog", (req, res) => res.json([]));

// ok: evidence-authenticated-endpoint
app.post("/contact", (req, res) => res.send("thanks"));

// Signing in answers 401 to a wrong password; that is not a guard.
// ok: evidence-authenticated-endpoint
app.post("/login", (req, res) => {
  if (!checkPassword(req.body)) return res.sendStatus(401);
  res.sendStatus(204);
});

// ruleid: evidence-authenticated-endpoint
app.delete("/orders/:id", requireAuth, (req, res) => res.sendStatus(204));
