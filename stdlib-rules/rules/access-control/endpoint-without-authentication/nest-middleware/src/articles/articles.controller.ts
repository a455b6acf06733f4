import { Controller, Delete, Get, Post } from "@nestjs/common";

@Controller("articles")
export class ArticlesController {
  // ok: endpoint-without-authentication
  @Post()
  create() {
    return {};
  }

  // ok: endpoint-without-authentication
  @Delete(":slug")
  remove() {
    return {};
  }
}
