app.get("/login/done", (req, res) => {
  // ruleid: open-redirect
  res.redirect(req.query.returnTo);
});

app.get("/out", (req, res) => {
  const target = req.query.url;
  // ruleid: open-redirect
  res.redirect(302, target);
});

app.post("/go", (req, res) => {
  // ruleid: open-redirect
  res.location(req.body.next).sendStatus(303);
});

app.get("/orders/:id/edit", (req, res) => {
  // ok: open-redirect
  res.redirect(`/orders/${req.params.id}`);
});

app.get("/home", (req, res) => {
  // ok: open-redirect
  res.redirect("/");
});

app.get("/safe", (req, res) => {
  const next = isSafeUrl(req.query.next) ? req.query.next : "/";
  // ok: open-redirect
  res.redirect(next);
});

app.get("/go/:id", async (req, res) => {
  // A link stored by the application, looked up by the id.
  const link = await Link.findById(req.params.id);
  // ok: open-redirect
  res.redirect(link.target);
});

app.post("/items", (req, res) => {
  const item = store.insert(req.body);
  // ok: open-redirect
  res.location(`${req.protocol}://${req.get("host")}${req.originalUrl}/${item.id}`);
  res.status(201).json(item);
});

app.post("/jobs", (req, res) => {
  res.status(202);
  // ok: open-redirect
  res.location(req.body.callback);
  res.end();
});

app.post("/next", (req, res) => {
  // ruleid: open-redirect
  res.location(req.body.next);
  res.status(302).end();
});
