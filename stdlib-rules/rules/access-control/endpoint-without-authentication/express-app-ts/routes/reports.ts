import { Router, type Request, type Response } from "express";

const router = Router();

interface Report {
  month: string;
  total: number;
}

// Mounted after app.use(checkSession).
// ok: endpoint-without-authentication
router.get("/monthly", async (req: Request, res: Response<Report[]>) => {
  res.json([] as Report[]);
});

export default router;
