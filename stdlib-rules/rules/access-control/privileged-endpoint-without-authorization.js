const express = require("express");
const app = express();
const admin = express.Router();

app.use(requireAuth);

// Signed in is not enough for an admin page.
// ruleid: privileged-endpoint-without-authorization
app.get("/admin/users", (req, res) => res.json([]));

// ok: privileged-endpoint-without-authorization
app.post("/admin/users/:id/ban", requireRole("admin"), (req, res) => res.sendStatus(204));

// ok: privileged-endpoint-without-authorization
app.put("/users/:id/role", (req, res) => {
  if (req.user.role !== "admin") {
    return res.sendStatus(403);
  }
  res.sendStatus(204);
});

// The 403 check is on one branch only.
// ruleid: privileged-endpoint-without-authorization
app.delete("/admin/cache", (req, res) => {
  if (req.query.full) {
    if (!req.user.isAdmin) return res.sendStatus(403);
  }
  res.sendStatus(204);
});

admin.use(authorize("admin"));
// ok: privileged-endpoint-without-authorization
admin.get("/reports", (req, res) => res.json([]));
app.use("/admin", admin);

// Not a privileged path.
// ok: privileged-endpoint-without-authorization
app.get("/orders", (req, res) => res.json([]));

// Signed in, but any user may grant a role.
// ruleid: privileged-endpoint-without-authorization
app.post("/admin/roles", requireAuth, (req, res) => res.sendStatus(201));

// A role check after a sign-in check: the only path that skips it answers 401.
// ok: privileged-endpoint-without-authorization
app.post("/admin/users", async (req, res) => {
  const token = req.headers.authorization;
  if (!token) return res.status(401).send({ error: "Unauthorized" });
  const user = await User.findOne({ token });
  if (!user || !user.admin) return res.status(403).send({ error: "Forbidden" });
  res.sendStatus(201);
});

// …but a path that skips it with an ordinary answer leaves it unguarded.
// ruleid: privileged-endpoint-without-authorization
app.post("/admin/invites", async (req, res) => {
  if (req.query.dryRun) return res.json({ wouldInvite: req.body.email });
  if (!req.user.isAdmin) return res.status(403).send({ error: "Forbidden" });
  res.sendStatus(201);
});
