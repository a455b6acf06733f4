import { Injectable, NestMiddleware } from "@nestjs/common";

@Injectable()
export class JwtMiddleware implements NestMiddleware {
  use(req: any, _res: any, next: () => void) {
    req.user = decode(req.headers.authorization);
    next();
  }
}
