const axios = require("axios");

app.get("/preview", async (req, res) => {
  // ruleid: ssrf
  const page = await fetch(req.query.url);
  res.send(await page.text());
});

app.post("/hooks/test", async (req, res) => {
  const url = req.body.callback;
  // ruleid: ssrf
  await axios.post(url, { ok: true });
  res.sendStatus(204);
});

app.get("/avatar", async (req, res) => {
  // ruleid: ssrf
  const r = await got(`https://${req.query.host}/avatar.png`);
  res.send(r.body);
});

app.get("/rates", async (req, res) => {
  // ok: ssrf
  const r = await fetch("https://api.example.com/rates");
  res.json(await r.json());
});

app.get("/user", async (req, res) => {
  // ok: ssrf
  const r = await axios.get(API_URL, { params: { id: req.query.id } });
  res.json(r.data);
});

app.get("/map", async (req, res) => {
  // ok: ssrf
  res.json(cache.get(req.query.key));
});
