import type { Request, Response } from "express";

export function showProfile(req: Request, res: Response): void {
  if (!req.user) {
    res.sendStatus(401);
    return;
  }
  res.json(req.user);
}
