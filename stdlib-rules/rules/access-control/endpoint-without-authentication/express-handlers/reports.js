export class ReportsController {
  constructor(db) {
    this.db = db;
  }

  monthly(req, res) {
    if (!req.user) {
      return res.sendStatus(401);
    }
    return res.json({});
  }

  exportAll(req, res) {
    return res.json({ all: true });
  }
}
