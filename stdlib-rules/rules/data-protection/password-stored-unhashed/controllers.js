const User = require("./models/user");
const Note = require("./models/note");

async function register(req, res) {
  // ok: password-stored-unhashed
  const user = new User({ username: req.body.username, password: req.body.password });
  await user.save();
  res.sendStatus(201);
}

async function protectNote(req, res) {
  // ruleid: password-stored-unhashed
  const note = new Note({ owner: req.user.id, password: req.body.password });
  await note.save();
  res.sendStatus(201);
}

module.exports = { register, protectNote };
