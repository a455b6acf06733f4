import { MiddlewareConsumer, Module, NestModule, RequestMethod } from "@nestjs/common";
import { SessionMiddleware } from "./session.middleware";
import { UsersController } from "./users.controller";

// Middleware for the routes a module names: a path for one method covers
// that route only; a path for every method covers the paths under it.
@Module({ controllers: [UsersController] })
export class UsersModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply(SessionMiddleware)
      .forRoutes(
        { path: "users/me", method: RequestMethod.GET },
        { path: "users/:id/follow", method: RequestMethod.ALL },
      );
  }
}
