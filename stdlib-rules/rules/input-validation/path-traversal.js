const fs = require("fs");
const path = require("path");

app.get("/files", (req, res) => {
  const file = path.join(__dirname, "uploads", req.query.name);
  // ruleid: path-traversal
  res.sendFile(file);
});

app.get("/logs", (req, res) => {
  // ruleid: path-traversal
  fs.createReadStream("/var/log/app/" + req.params.day).pipe(res);
});

app.delete("/files/:name", (req, res) => {
  // ruleid: path-traversal
  fs.unlinkSync(`uploads/${req.params.name}`);
  res.sendStatus(204);
});

app.get("/safe", (req, res) => {
  const name = path.basename(req.query.name);
  // ok: path-traversal
  res.sendFile(path.join(__dirname, "uploads", name));
});

app.get("/rooted", (req, res) => {
  // ok: path-traversal
  res.sendFile(req.params.name, { root: "public" });
});

app.get("/fixed", (req, res) => {
  // ok: path-traversal
  fs.createReadStream(path.join(__dirname, "index.html")).pipe(res);
});
