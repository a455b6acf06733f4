import { Router } from "express";

const router = Router();

// Mounted after app.use(checkSession).
// ok: endpoint-without-authentication
router.get("/monthly", (req, res) => res.json([]));

export default router;
