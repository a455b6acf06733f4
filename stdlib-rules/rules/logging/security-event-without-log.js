const logger = require("./logger");

function signIn(req, res, user) {
  // ruleid: security-event-without-log
  req.login(user, () => res.redirect("/"));
}

function signOut(req, res) {
  logger.info("sign-out", { user: req.user.id });
  // ok: security-event-without-log
  req.logout(() => res.redirect("/"));
}

function makeAdmin(req, user) {
  // ruleid: security-event-without-log
  user.role = "admin";
  return user.save();
}

app.post("/password", async (req, res) => {
  // ruleid: security-event-without-log
  await req.user.setPassword(req.body.password);
  res.sendStatus(204);
});

app.post("/mfa/disable", async (req, res) => {
  auditLog.record("mfa.disable", req.user.id);
  // ok: security-event-without-log
  req.user.mfaEnabled = false;
  await req.user.save();
  res.sendStatus(204);
});

function renderLogin(req, res) {
  // Not a security event.
  // ok: security-event-without-log
  res.render("login");
}

app.post("/password/reset", async (req, res) => {
  const user = await User.findOne({ resetToken: req.body.token });
  // ruleid: security-event-without-log
  user.password = await hash(req.body.password);
  const saved = await user.save();
  const result = {};
  // The stored hash copied into a response is not a change.
  // ok: security-event-without-log
  result.password = saved.password;
  res.json(result);
});
