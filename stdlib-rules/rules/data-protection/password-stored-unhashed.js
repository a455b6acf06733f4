const bcrypt = require("bcrypt");

app.post("/signup", async (req, res) => {
  // ruleid: password-stored-unhashed
  await User.create({ email: req.body.email, password: req.body.password });
  res.sendStatus(201);
});

app.post("/users", async (req, res) => {
  const { email, password } = req.body;
  // ruleid: password-stored-unhashed
  const user = new User({ email, password });
  await user.save();
  res.sendStatus(201);
});

app.post("/password", async (req, res) => {
  // ruleid: password-stored-unhashed
  req.user.password = req.body.newPassword;
  await req.user.save();
  res.sendStatus(204);
});

app.post("/signup2", async (req, res) => {
  const hash = await bcrypt.hash(req.body.password, 12);
  // ok: password-stored-unhashed
  await User.create({ email: req.body.email, password: hash });
  res.sendStatus(201);
});

app.post("/login", async (req, res) => {
  // ok: password-stored-unhashed
  const ok = await verify({ email: req.body.email, password: req.body.password });
  res.sendStatus(ok ? 204 : 401);
});

app.post("/reset", async (req, res) => {
  // ok: password-stored-unhashed
  await User.updateOne({ id: req.user.id }, { password: await argon2.hash(req.body.password) });
  res.sendStatus(204);
});

async function register(registerDto) {
  const { email, username, password } = registerDto;
  // ruleid: password-stored-unhashed
  return prisma.user.create({ data: { email, username, password } });
}

async function resetPassword(email, newPassword) {
  // ruleid: password-stored-unhashed
  await prisma.$queryRawUnsafe(`UPDATE users SET password = '${newPassword}' WHERE email = '${email}'`);
}

async function add(req, res) {
  const user = new User(req.body);
  const savedUser = await user.save();
  const result = {};
  // Read back from the stored record, not written.
  // ok: password-stored-unhashed
  result.password = savedUser.password;
  res.send(result);
}

async function invite(email) {
  // No password yet: the column is left empty until the invitee sets one.
  // ok: password-stored-unhashed
  await pool.query(`INSERT INTO users (email, password, invited) VALUES ('${email}', '', true)`);
  const pwd = req.body.pwd;
  // ruleid: password-stored-unhashed
  await pool.query("UPDATE users SET password = '" + pwd + "' WHERE email = '" + email + "'");
}
