import type { Request, Response } from "express";
import { pool } from "./db";

export async function search(req: Request, res: Response): Promise<void> {
  const name = req.query.name as string;
  // ruleid: sql-built-from-request
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${name}'`);
  // ruleid: sql-built-from-request
  await pool.query("DELETE FROM sessions WHERE id = " + req.params.id);
  const sql: string = "SELECT * FROM orders WHERE status = '" + req.body.status + "'";
  // ruleid: sql-built-from-request
  await pool.query(sql);
  // ok: sql-built-from-request
  await pool.query("SELECT * FROM users WHERE name = $1", [name]);
  // ok: sql-built-from-request
  await pool.query<{ id: number }>("SELECT id FROM orders WHERE id = $1", [req.params.id]);
  // ok: sql-built-from-request
  await pool.query(`SELECT * FROM users LIMIT ${PAGE_SIZE}`);
  res.json(rows);
}

// NestJS: parameters taken from the request by decorator.
@Controller("orders")
export class OrdersController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(":id")
  async findOne(@Param("id") id: string, @Query("sort") sort: string, limit = 10) {
    // ruleid: sql-built-from-request
    const rows = await this.dataSource.query(`SELECT * FROM orders WHERE id = ${id} ORDER BY ${sort}`);
    // ok: sql-built-from-request
    const top = await this.dataSource.query(`SELECT * FROM orders LIMIT ${limit}`);
    return { rows, top };
  }
}
