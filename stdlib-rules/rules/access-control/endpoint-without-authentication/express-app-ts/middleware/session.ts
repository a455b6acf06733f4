import type { NextFunction, Request, Response } from "express";

// A project's own guard: its name says nothing, its body does.
export function checkSession(req: Request, res: Response, next: NextFunction) {
  if (!req.session.user) {
    return res.redirect("/login");
  }
  next();
}
