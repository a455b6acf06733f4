function ContentHandler(db) {
  // Anyone may read them.
  this.list = (req, res) => {
    db.collection("contributions").find().toArray((err, items) => res.json(items));
  };

  this.add = function (req, res) {
    if (!req.user) {
      return res.sendStatus(401);
    }
    db.collection("contributions").insertOne({ by: req.user.id, text: req.body.text });
    return res.sendStatus(201);
  };
}

module.exports = ContentHandler;
