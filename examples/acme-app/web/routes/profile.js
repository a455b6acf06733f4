const serialize = require("node-serialize");
const crypto = require("crypto");

function loadProfile(req, res) {
  const profile = serialize.unserialize(req.cookies.profile);
  res.json(profile);
}

function checkPassword(user, password) {
  const passwordHash = crypto.createHash("sha1").update(password).digest("hex");
  return passwordHash === user.passwordHash;
}

module.exports = { loadProfile, checkPassword };
