const crypto = require("crypto");

// ruleid: weak-hash-for-credentials
const stored = crypto.createHash("md5").update(password).digest("hex");

// ruleid: weak-hash-for-credentials
const passwordHash = crypto.createHash("sha1").update(raw, "utf8").digest("hex");

function hashPassword(raw) {
  // ruleid: weak-hash-for-credentials
  return crypto.createHash("md5").update(raw).digest("hex");
}

// ruleid: weak-hash-for-credentials
const signature = crypto.createHmac("md5", key).update(body).digest("hex");

// ok: weak-hash-for-credentials
const cacheKey = crypto.createHash("md5").update(url).digest("hex");
// ok: weak-hash-for-credentials
const etag = crypto.createHash("sha1").update(content).digest("base64");
// ok: weak-hash-for-credentials
const good = crypto.createHash("sha256").update(password).digest("hex");

const md5 = require('md5');

function resetPw(req, res) {
  // ruleid: weak-hash-for-credentials
  if (req.query.token == md5(req.query.login)) {
    res.render('resetpw');
  }
}

function gravatar(email) {
  // ok: weak-hash-for-credentials
  return 'https://www.gravatar.com/avatar/' + md5(email.trim().toLowerCase());
}
