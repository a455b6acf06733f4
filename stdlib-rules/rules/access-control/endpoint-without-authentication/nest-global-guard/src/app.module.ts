import { Module } from "@nestjs/common";
import { APP_GUARD } from "@nestjs/core";
import { JwtAuthGuard } from "./jwt-auth.guard";
import { ProjectsController } from "./projects.controller";

// A guard for every route of the application; routes opt out with @Public().
@Module({
  controllers: [ProjectsController],
  providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
})
export class AppModule {}
