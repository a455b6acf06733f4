const express = require("express");
const helmet = require("helmet");
const https = require("https");
const axios = require("axios");
const { exec } = require("child_process");
const crypto = require("crypto");
const admin = require("./routes/admin");
const { requireSession } = require("./middleware/session");

const app = express();
app.use(helmet());
app.use(express.json());

const config = {
  ledgerUrl: process.env.LEDGER_URL || "https://ledger.acme.internal/api",
  ledgerToken: process.env.LEDGER_TOKEN || "ldg-web-91c04e7f2a",
  sessionSecret: process.env.SESSION_SECRET,
};

const ledger = axios.create({
  baseURL: config.ledgerUrl,
  httpsAgent: new https.Agent({ rejectUnauthorized: false }),
});

app.get("/api/balance", async (req, res) => {
  try {
    const { data } = await ledger.get(`/balances/${req.query.account}`);
    res.json(data);
  } catch (err) {}
});

app.post("/api/convert", (req, res) => {
  exec(`convert ${req.body.file} /tmp/out.png`, (err) => {
    if (err) {
      console.error(err);
      return res.sendStatus(500);
    }
    res.sendStatus(204);
  });
});

app.post("/login", async (req, res) => {
  console.log("login attempt", req.body.email, req.body.password);
  const user = await users.verify(req.body.email, req.body.password);
  if (!user) {
    return res.sendStatus(401);
  }
  req.session.user = user;
  res.sendStatus(204);
});

app.use("/admin", requireSession, admin);

function fingerprintUser(user) {
  return crypto.createHash("sha256").update(user.email).digest("hex");
}

module.exports = { app, fingerprintUser };

app.listen(process.env.PORT || 3000);
