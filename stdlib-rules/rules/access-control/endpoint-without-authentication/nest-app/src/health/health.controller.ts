import { Controller, Get } from "@nestjs/common";

@Controller("health")
export class HealthController {
  // Public by design.
  // ok: endpoint-without-authentication
  @Get()
  check() {
    return { status: "ok" };
  }
}
