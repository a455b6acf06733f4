app.post("/users", async (req, res) => {
  // ruleid: mass-assignment
  const user = await User.create(req.body);
  res.json(user);
});

app.put("/users/:id", async (req, res) => {
  const changes = req.body;
  // ruleid: mass-assignment
  await User.findByIdAndUpdate(req.params.id, changes);
  // Fields picked one by one.
  // ok: mass-assignment
  await User.update({ name: req.body.name }, { where: { id: req.params.id } });
  res.sendStatus(204);
});

app.post("/orders", async (req, res) => {
  // ruleid: mass-assignment
  const order = new Order(req.body);
  await order.save();
  // Picked with a library, then created.
  const fields = _.pick(req.body, ["item", "quantity"]);
  // ok: mass-assignment
  await Order.create(fields);
  // ok: mass-assignment
  await Order.create({ item: req.body.item, quantity: Number(req.body.quantity) });
  res.json(order);
});
