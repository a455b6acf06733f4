import { Router, Request, Response } from "express";
import { showProfile } from "../controllers/profile";

const router: Router = Router();

// ruleid: endpoint-without-authentication
router.get("/", (req: Request, res: Response) => res.json([]));

// The handler, in another file, checks the user first.
// ok: endpoint-without-authentication
router.get("/me", showProfile);

export default router;
