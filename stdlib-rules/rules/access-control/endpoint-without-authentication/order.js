const express = require("express");
const app = express();

// ruleid: endpoint-without-authentication
app.get("/reports", reports);

// Too late for the route above.
app.use(ensureLoggedIn);

// ok: endpoint-without-authentication
app.get("/reports/daily", dailyReports);
