import { Controller, Delete, Get, Param, UseGuards } from "@nestjs/common";
import { JwtAuthGuard } from "../auth/jwt-auth.guard";
import { Roles } from "../auth/roles.decorator";
import { RolesGuard } from "../auth/roles.guard";
import { UsersService } from "./users.service";

// Every route of this controller is behind the JWT guard.
@Controller("users")
@UseGuards(JwtAuthGuard)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  // ok: endpoint-without-authentication
  @Get()
  findAll() {
    return this.users.findAll();
  }

  // ok: endpoint-without-authentication
  @Get(":id")
  findOne(@Param("id") id: string) {
    return this.users.findOne(id);
  }

  // ok: endpoint-without-authentication
  @Delete(":id")
  @Roles("admin")
  @UseGuards(RolesGuard)
  remove(@Param("id") id: string) {
    return this.users.remove(id);
  }
}
