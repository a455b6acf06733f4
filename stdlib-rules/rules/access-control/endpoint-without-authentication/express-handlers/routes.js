// Handlers that are members of objects built in the routes module: a
// constructor function's `this.x = …` and a class's methods, defined in
// other files and followed there.
const SessionHandler = require("./session");
const ContentHandler = require("./content");
import { ReportsController } from "./reports";

module.exports = (app, db) => {
  const session = new SessionHandler(db);
  const content = new ContentHandler(db);
  const reports = new ReportsController(db);

  // ok: endpoint-without-authentication
  app.get("/", session.displayWelcome);
  // ruleid: endpoint-without-authentication
  app.get("/contributions", content.list);
  // ok: endpoint-without-authentication
  app.post("/contributions", content.add);
  // ok: endpoint-without-authentication
  app.get("/reports/monthly", reports.monthly);
  // ruleid: endpoint-without-authentication
  app.get("/reports/export", reports.exportAll);
};
