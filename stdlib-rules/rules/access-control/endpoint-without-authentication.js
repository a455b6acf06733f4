const express = require("express");
const passport = require("passport");
const app = express();

// ruleid: endpoint-without-authentication
app.get("/api/orders", listOrders);

app.get("/health", (req, res) => res.send("ok"));

// ok: endpoint-without-authentication
app.post("/login", passport.authenticate("local"), (req, res) => res.sendStatus(204));

// An OAuth provider's callback, public by design, under any segment
// naming the provider or the flow.
// ok: endpoint-without-authentication
app.get("/connect/github-oauth/callback", (req, res) => res.redirect("/"));

// …but a page under such a segment is not.
// ruleid: endpoint-without-authentication
app.get("/connect/github-oauth/accounts", (req, res) => res.json(listAccounts()));

// ok: endpoint-without-authentication
app.get("/api/me", requireAuth, (req, res) => res.json(req.user));

// ok: endpoint-without-authentication
app.get("/api/profile", (req, res) => {
  if (!req.user) {
    return res.sendStatus(401);
  }
  res.json(req.user.profile);
});

// ruleid: endpoint-without-authentication
app.get("/api/invoices", (req, res) => {
  if (req.query.debug) {
    if (!req.user) {
      return res.sendStatus(401);
    }
  }
  res.json(invoices);
});

// Everything under /admin is authenticated from here on.
app.use("/admin", requireAuth);

// ok: endpoint-without-authentication
app.delete("/admin/users/:id", deleteUser);

// ruleid: endpoint-without-authentication
app.delete("/administrators", removeAdmin);

// From here on, every route is authenticated.
app.use(passport.authenticate("jwt", { session: false }));

// ok: endpoint-without-authentication
app.post("/api/payments", createPayment);

// A check of the credentials in the handler that answers 401.
// ok: endpoint-without-authentication
app.get("/api/bearer", (req, res) => {
  if (!validBearer(req.headers.authorization)) return res.status(401).end();
  res.json({ ok: true });
});
