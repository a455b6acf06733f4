const jwt = require("jsonwebtoken");

function read(token, key) {
  // ruleid: jwt-not-verified
  const a = jwt.verify(token, key, { ignoreExpiration: true });
  // ruleid: jwt-not-verified
  const b = jwt.verify(token, key, { algorithms: ["HS256", "none"] });
  // ok: jwt-not-verified
  const c = jwt.verify(token, key, { algorithms: ["HS256"] });
  // ok: jwt-not-verified
  const d = jwt.verify(token, key);
  return [a, b, c, d];
}

function issue(user, key) {
  // ruleid: jwt-not-verified
  const forever = jwt.sign({ sub: user.id }, key);
  // ruleid: jwt-not-verified
  const alsoForever = jwt.sign({ sub: user.id }, key, { algorithm: "HS256" });
  // ok: jwt-not-verified
  const t = jwt.sign({ sub: user.id }, key, { expiresIn: "1h" });
  // ok: jwt-not-verified
  const u = jwt.sign({ sub: user.id, exp: Math.floor(Date.now() / 1000) + 3600 }, key);
  return [forever, alsoForever, t, u];
}
