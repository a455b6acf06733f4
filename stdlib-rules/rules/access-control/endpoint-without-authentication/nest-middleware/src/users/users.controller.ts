import { Controller, Delete, Get, Post, Put } from "@nestjs/common";

@Controller("users")
export class UsersController {
  // ok: endpoint-without-authentication
  @Get("me")
  me() {
    return {};
  }

  // The middleware is registered for GET only.
  // ruleid: endpoint-without-authentication
  @Put("me")
  update() {
    return {};
  }

  // ok: endpoint-without-authentication
  @Post(":username/follow")
  follow() {
    return {};
  }

  // ok: endpoint-without-authentication
  @Delete(":username/follow")
  unfollow() {
    return {};
  }

  // ruleid: endpoint-without-authentication
  @Get(":id")
  profile() {
    return {};
  }
}
