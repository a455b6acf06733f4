const crypto = require("crypto");

function issue(user) {
  // ruleid: insecure-randomness
  const resetToken = Math.random().toString(36).slice(2);
  // ruleid: insecure-randomness
  user.authToken = Math.floor(Math.random() * 1e16).toString(16);
  // ruleid: insecure-randomness
  const creds = { apiKey: Math.random().toString(36) };
  // ok: insecure-randomness
  const token = crypto.randomBytes(32).toString("hex");
  // ok: insecure-randomness
  const otp = crypto.randomInt(100000, 1000000);
  // Not a secret.
  // ok: insecure-randomness
  const delay = Math.random() * 1000;
  return [resetToken, creds, token, otp, delay];
}
