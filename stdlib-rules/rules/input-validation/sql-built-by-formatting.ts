import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

export async function validateUser(email: string, password: string) {
  const query = `SELECT * FROM users WHERE email = '${email}' AND password = '${password}'`;
  // ruleid: sql-built-by-formatting
  return prisma.$queryRawUnsafe(query);
}

export async function searchProducts(query: string, category?: string) {
  let sqlQuery = `SELECT * FROM products WHERE isActive = 1 AND (name LIKE '%${query}%')`;
  if (category) {
    sqlQuery += ` AND category = '${category}'`;
  }
  // ruleid: sql-built-by-formatting
  return prisma.$queryRawUnsafe(sqlQuery);
}

export async function byId(db: any, id: number) {
  // ruleid: sql-built-by-formatting
  return db.query("SELECT * FROM orders WHERE id = " + id);
}

export async function insert(db: any, order: { id: number; qty: number }) {
  // ruleid: sql-built-by-formatting
  return db.query(`INSERT INTO items (order_id, qty) VALUES (${order.id}, ${order.qty})`);
}

export async function safe(db: any, id: number) {
  // ok: sql-built-by-formatting
  return db.query("SELECT * FROM orders WHERE id = $1", [id]);
}

export async function tables(db: any) {
  const tables = ["users", "orders"];
  for (const table of tables) {
    // An identifier, not a value.
    // ok: sql-built-by-formatting
    await db.query(`SELECT * FROM ${table}`);
  }
  // ok: sql-built-by-formatting
  await db.query(`SELECT * FROM users LIMIT ${PAGE_SIZE}`);
  // ok: sql-built-by-formatting
  await db.query(`SELECT * FROM users WHERE role = ${ADMIN_ROLE}`);
}

export async function byReminder(sql: any, reminder: string) {
  // Quoted by the driver.
  const query = "select passphrase from passphrases WHERE reminder = " + sql.escape(reminder);
  // ok: sql-built-by-formatting
  return sql.query(query);
}

export async function seed(db: any, more: string[][]) {
  // Rows of constants in the function, formatted in: nothing outside reaches them.
  const rows = [["admin", "owner"], ["tim", "viewer"]];
  for (const [name, role] of rows) {
    // ok: sql-built-by-formatting
    await db.query(`INSERT INTO users (name, role) VALUES ('${name}', '${role}')`);
  }
  // A parameter joins the constants: reported.
  for (const [user, kind] of rows.concat(more)) {
    // ruleid: sql-built-by-formatting
    await db.query(`INSERT INTO users (name, role) VALUES ('${user}', '${kind}')`);
  }
}
