import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from "@nestjs/common";
import { AuthGuard } from "@nestjs/passport";
import type { Request } from "express";
import { CreateOrderDto } from "./dto/create-order.dto";
import { OrdersService } from "./orders.service";

@Controller("orders")
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  // Nothing guards the list.
  // ruleid: endpoint-without-authentication
  @Get()
  findAll() {
    return this.orders.findAll();
  }

  // The guard sits above the route decorator: Nest applies it all the same.
  // ok: endpoint-without-authentication
  @UseGuards(AuthGuard("jwt"))
  @Post()
  create(@Body() dto: CreateOrderDto) {
    return this.orders.create(dto);
  }

  // ok: endpoint-without-authentication
  @Get(":id")
  findOne(@Param("id") id: string, @Req() req: Request) {
    if (!req.user) {
      throw new UnauthorizedException();
    }
    return this.orders.findOne(id);
  }

  // A guard on another method does not cover this one.
  // ruleid: endpoint-without-authentication
  @Get(":id/invoice")
  invoice(@Param("id") id: string) {
    return this.orders.invoice(id);
  }
}
