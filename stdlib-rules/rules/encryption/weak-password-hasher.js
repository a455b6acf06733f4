const bcrypt = require("bcrypt");
const crypto = require("crypto");

async function store(pw, salt) {
  // ruleid: weak-password-hasher
  const a = await bcrypt.hash(pw, 4);
  // ruleid: weak-password-hasher
  const b = bcrypt.genSaltSync(6);
  // ruleid: weak-password-hasher
  const c = crypto.pbkdf2Sync(pw, salt, 1000, 64, "sha512");
  // ok: weak-password-hasher
  const d = await bcrypt.hash(pw, 12);
  // ok: weak-password-hasher
  const e = crypto.pbkdf2Sync(pw, salt, 600000, 64, "sha512");
  // ok: weak-password-hasher
  const f = await bcrypt.hash(pw, SALT_ROUNDS);
  return [a, b, c, d, e, f];
}
