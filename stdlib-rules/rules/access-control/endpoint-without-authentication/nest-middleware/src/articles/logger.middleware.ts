import { Injectable, NestMiddleware } from "@nestjs/common";

@Injectable()
export class LoggerMiddleware implements NestMiddleware {
  use(req: any, _res: any, next: () => void) {
    console.log(req.method, req.url);
    next();
  }
}
