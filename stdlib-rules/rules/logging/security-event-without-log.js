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
