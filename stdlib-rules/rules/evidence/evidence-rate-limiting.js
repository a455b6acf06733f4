const rateLimit = require("express-rate-limit");
const { RateLimiterRedis } = require("rate-limiter-flexible");

// ruleid: evidence-rate-limiting
app.use("/api", rateLimit({ windowMs: 60000, max: 100 }));

// ruleid: evidence-rate-limiting
const loginLimiter = new RateLimiterRedis({ storeClient: redis, points: 5 });

// ruleid: evidence-rate-limiting
const slow = slowDown({ delayAfter: 50 });

// ok: evidence-rate-limiting
const rows = await db.select().limit(10);
// ok: evidence-rate-limiting
const m = new Map();
// ok: evidence-rate-limiting
const limit = Number(req.query.limit);
