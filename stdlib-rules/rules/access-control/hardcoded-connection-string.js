// ruleid: hardcoded-connection-string
const uri = "mongodb://root:Mng0-Pass-2024@mongo.internal:27017/app";

// ruleid: hardcoded-connection-string
const pool = new Pool({ connectionString: `postgres://svc:Kq83-zzP1@pg:5432/orders` });

// ok: hardcoded-connection-string
const fromEnv = process.env.DATABASE_URL;
// ok: hardcoded-connection-string
const templated = `postgres://svc:${process.env.PGPASSWORD}@pg:5432/orders`;
// ok: hardcoded-connection-string
const docs = "postgres://user:password@localhost:5432/db";

// ruleid: hardcoded-connection-string
const redisUrl = "redis://default:R3d1s-s3cr3t-99@cache.internal:6379/0";
