const express = require("express");
const app = express();

const api = express.Router();
const open = express.Router();

// ok: endpoint-without-authentication
api.get("/orders", listOrders);

// ruleid: endpoint-without-authentication
open.get("/orders", listOrders);

// Authentication for everything under /api, then the routers.
app.use("/api", requireAuth, api);
app.use("/v1", open);
