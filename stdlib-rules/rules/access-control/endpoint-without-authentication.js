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

// A handler that checks the caller's password itself, and acts on the
// answer, is a sign-in wherever it is mounted.
// ok: endpoint-without-authentication
app.post("/api/key", async (req, res) => {
  const key = await accounts.exchange(req.body.username, req.body.password);
  if (!key) return res.sendStatus(403);
  res.json({ key });
});

// ok: endpoint-without-authentication
app.post("/api/session", (req, res) => {
  if (!accounts.check(req.body.email, req.body.password)) {
    return res.sendStatus(403);
  }
  res.json(openSession());
});

// A password from the request that no check answers is not a sign-in.
// ruleid: endpoint-without-authentication
app.post("/accounts", async (req, res) => {
  const user = await accounts.create(req.body.username, req.body.password);
  res.json({ id: user.id });
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

