import { Controller, Get, Post, UseGuards } from "@nestjs/common";
import { SessionGuard } from "../auth/session.guard";

// Signed-in users only, but any signed-in user: no role check.
@UseGuards(SessionGuard)
@Controller("admin")
export class AdminController {
  // ok: endpoint-without-authentication
  @Get("stats")
  stats() {
    return {};
  }

  // ok: endpoint-without-authentication
  @Post("users/:id/ban")
  ban() {
    return { banned: true };
  }
}
