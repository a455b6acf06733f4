import { Router } from "express";

const router = Router();

// Mounted at /health: public by design.
// ok: endpoint-without-authentication
router.get("/", (_req, res) => res.send("ok"));

export default router;
