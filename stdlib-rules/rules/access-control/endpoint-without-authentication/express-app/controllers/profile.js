exports.showProfile = function (req, res) {
  if (!req.user) {
    return res.sendStatus(401);
  }
  res.json(req.user);
};
