import { Module } from "@nestjs/common";
import { AdminController } from "./admin/admin.controller";
import { HealthController } from "./health/health.controller";
import { OrdersController } from "./orders/orders.controller";
import { UsersController } from "./users/users.controller";

// No global guard: each controller chooses its own.
@Module({
  controllers: [AdminController, HealthController, OrdersController, UsersController],
})
export class AppModule {}
