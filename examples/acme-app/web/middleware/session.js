// Session check used by the admin console.
function requireSession(req, res, next) {
  if (!req.session.user) {
    return res.redirect("/login");
  }
  next();
}

function requireRole(role) {
  return (req, res, next) => {
    if (req.session.user.role !== role) {
      return res.sendStatus(403);
    }
    next();
  };
}

module.exports = { requireSession, requireRole };
