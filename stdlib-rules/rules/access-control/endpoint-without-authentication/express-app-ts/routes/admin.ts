import express, { Request, Response } from "express";

const router = express.Router();

// Mounted behind checkSession (middleware/session.ts) in app.ts.
// ok: endpoint-without-authentication
router.get("/stats", (req: Request, res: Response): void => {
  res.json({});
});

// ok: endpoint-without-authentication
router.post("/users/:id/role", (req, res) => res.sendStatus(204));

export default router;
