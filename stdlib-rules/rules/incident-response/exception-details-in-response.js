app.use((err, req, res, next) => {
  // ruleid: exception-details-in-response
  res.status(500).send(err.stack);
});

app.get("/pay", async (req, res) => {
  try {
    await pay();
  } catch (err) {
    // ruleid: exception-details-in-response
    res.status(500).json({ error: err.message });
  }
});

app.get("/refund", async (req, res) => {
  try {
    await refund();
  } catch (err) {
    logger.error(err);
    // ok: exception-details-in-response
    res.status(500).json({ error: "refund failed", id: req.id });
  }
});

app.post("/signup", (req, res) => {
  // A client error with the validation message is fine.
  // ok: exception-details-in-response
  res.status(400).json({ error: validationError.message });
});

app.get("/export", async (req, res) => {
  try {
    await build();
  } catch (e) {
    // ruleid: exception-details-in-response
    res.status(500).send(`export failed: ${e}`);
  }
});

app.get("/health", async (req, res) => {
  try {
    await ping();
  } catch (e) {
    // ok: exception-details-in-response
    res.status(503).send("unavailable");
  }
});

app.get('/notes/:id', async (req, res) => {
  try {
    res.json(await Note.findOne({ no: req.params.id }));
  } catch (err) {
    // ruleid: exception-details-in-response
    res.send(err);
  }
});

app.get('/sysinfo/:cmd', (req, res) => {
  exec('uname -a', (err, stdout) => {
    if (err) {
      // ruleid: exception-details-in-response
      res.json(err);
    } else {
      res.json(stdout);
    }
  });
});

app.post('/import', async (req, res) => {
  try {
    await importXml(req.body.xml);
  } catch (e) {
    // ruleid: exception-details-in-response
    res.status(400).send({ error: e.message });
  }
});

app.post('/import2', async (req, res) => {
  try {
    await importXml(req.body.xml);
  } catch (e) {
    logger.error(e);
    // ok: exception-details-in-response
    res.status(500).send({ error: 'Import failed' });
  }
});
