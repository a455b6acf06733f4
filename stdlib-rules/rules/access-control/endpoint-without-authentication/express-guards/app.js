const express = require("express");
const app = express();
const router = express.Router();
require("./routes/notes")(router);
app.use("/api", router);

// A check inside a try block still guards: failing before it ends in the
// catch block's error answer.
// ok: endpoint-without-authentication
app.post("/admin-api/create-user", async (req, res) => {
  try {
    const token = req.cookies.auth_token;
    if (!token) return res.status(401).send({ error: "Unauthorized" });
    await createUser(req.body);
    res.sendStatus(201);
  } catch (err) {
    res.status(500).send({ error: "failed" });
  }
});

// A handler that only logs "Unauthorized" lets everyone through.
// ruleid: endpoint-without-authentication
app.get("/export/users", (req, res) => {
  if (req.query.secret !== process.env.EXPORT_SECRET) {
    console.log("Unauthorized export attempt");
  }
  res.json(exportUsers());
});

// No session user: back to the sign-in page.
// ok: endpoint-without-authentication
app.get("/dashboard", (req, res) => {
  if (!req.session.userId) {
    return res.redirect("/login");
  }
  res.render("dashboard");
});
