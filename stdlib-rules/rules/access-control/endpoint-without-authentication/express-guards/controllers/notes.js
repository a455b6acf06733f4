module.exports = {
  list: (req, res) => res.json([]),
  passphrase: (req, res) => res.json({}),
};
