const { body, validationResult } = require("express-validator");
const router = require("express").Router();

// ruleid: evidence-input-validation
router.post("/users", body("email").isEmail(), (req, res) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) return res.status(400).json(errors.array());
  res.sendStatus(201);
});

// ruleid: evidence-input-validation
router.post("/orders", (req, res) => {
  const order = orderSchema.validate(req.body);
  res.json(order);
});

// ok: evidence-input-validation
router.post("/notes", (req, res) => res.json(req.body));

// ok: evidence-input-validation
router.get("/notes", (req, res) => res.json([]));

module.exports = router;

// ruleid: evidence-input-validation
router.put("/profile", celebrate({ body: profileSchema }), (req, res) => res.sendStatus(204));

// ok: evidence-input-validation
router.delete("/notes/:id", (req, res) => res.sendStatus(204));
