const jwt = require("jsonwebtoken");

module.exports = {
  validateToken: (req, res, next) => {
    const header = req.headers.authorization;
    if (header) {
      try {
        req.decoded = jwt.verify(header.split(" ")[1], process.env.JWT_SECRET);
        next();
      } catch (err) {
        res.status(401).send({ error: "Authentication error" });
      }
    } else {
      res.status(401).send({ error: "Token required" });
    }
  },
};
