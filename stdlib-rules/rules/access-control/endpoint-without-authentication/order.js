const express = require("express");
const app = express();

// ruleid: endpoint-without-authentication
app.get("/reports", reports);

// Too late for the route above.
app.use(ensureLoggedIn);

// ok: endpoint-without-authentication
app.get("/reports/daily", dailyReports);

// An error handler runs only after an error: it guards nothing.
const api = express.Router();
api.use((err, req, res, next) => {
  if (!req.user) {
    return res.sendStatus(401);
  }
  next(err);
});
// ruleid: endpoint-without-authentication
api.get("/after-error-handler", (req, res) => res.json([]));
