import { Controller, Get } from "@nestjs/common";

// No module names this controller for a middleware that authenticates:
// only the logger runs before it.
@Controller("billing")
export class BillingController {
  // ruleid: endpoint-without-authentication
  @Get("invoices")
  invoices() {
    return [];
  }
}
