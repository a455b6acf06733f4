import { MiddlewareConsumer, Module, NestModule } from "@nestjs/common";
import { JwtMiddleware } from "./jwt.middleware";
import { ArticlesController } from "./articles.controller";
import { LoggerMiddleware } from "./logger.middleware";

// A controller named as the target: every route of it.
@Module({ controllers: [ArticlesController] })
export class ArticlesModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(LoggerMiddleware).forRoutes("*");
    consumer.apply(JwtMiddleware).forRoutes(ArticlesController);
  }
}
