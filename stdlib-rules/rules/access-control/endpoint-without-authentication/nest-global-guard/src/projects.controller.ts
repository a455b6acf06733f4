import { Controller, Get, Post } from "@nestjs/common";
import { Public } from "./public.decorator";

@Controller("projects")
export class ProjectsController {
  // ok: endpoint-without-authentication
  @Get()
  list() {
    return [];
  }

  // ok: endpoint-without-authentication
  @Post()
  create() {
    return {};
  }

  // Declared public: reported neither way.
  // ok: endpoint-without-authentication
  @Public()
  @Get("shared/:token")
  shared() {
    return {};
  }
}
