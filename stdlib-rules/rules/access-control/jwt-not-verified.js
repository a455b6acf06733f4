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

// Options built apart from the call.
const options = {
  expiresIn: '2d',
  // ruleid: jwt-not-verified
  algorithms: ["HS256", "none"],
  // ruleid: jwt-not-verified
  ignoreExpiration: true,
};

function check(token) {
  return jwt.verify(token, process.env.JWT_SECRET, options);
}

// ok: jwt-not-verified
const strict = { algorithms: ["HS256"], ignoreExpiration: false };
