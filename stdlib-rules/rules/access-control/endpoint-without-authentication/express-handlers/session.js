function SessionHandler(db) {
  this.displayWelcome = (req, res) => {
    if (!req.session.userId) {
      return res.redirect("/login");
    }
    return res.render("dashboard", { userId: req.session.userId });
  };
}

module.exports = SessionHandler;
