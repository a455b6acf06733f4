// A project's own guard: its name says nothing, its body does.
function checkSession(req, res, next) {
  if (!req.session.user) {
    return res.redirect("/login");
  }
  next();
}

module.exports = { checkSession };
