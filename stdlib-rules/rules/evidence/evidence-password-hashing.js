const bcrypt = require("bcrypt");
const crypto = require("crypto");

async function register(body) {
  // ruleid: evidence-password-hashing
  const hash = await bcrypt.hash(body.password, 12);
  // ruleid: evidence-password-hashing
  const key = crypto.scryptSync(body.password, salt, 64);
  // ruleid: evidence-password-hashing
  const argon = await argon2.hash(body.password);
  // ok: evidence-password-hashing
  const etag = crypto.createHash("sha256").update(body.text).digest("hex");
  // ok: evidence-password-hashing
  const h = location.hash;
  // ok: evidence-password-hashing
  const id = crypto.randomUUID();
  return { hash, key, argon, etag, h, id };
}
