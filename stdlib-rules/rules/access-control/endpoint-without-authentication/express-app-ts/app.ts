// The Express app of express-app/, written in TypeScript: the same routers,
// mounts and guards, with types and ES module imports.
import express, { Application } from "express";
import users from "./routes/users";
import admin from "./routes/admin";
import health from "./routes/health";
import { checkSession } from "./middleware/session";
import reports from "./routes/reports.js";

const app: Application = express();
app.use(express.json());
// A path held in a constant is mounted at the string it holds.
const HEALTH_PATH: string = "/health";
app.use(HEALTH_PATH, health);
// Mounted before the session check: its routes are public.
app.use("/users", users);
app.use("/admin", checkSession, admin);
app.use(checkSession);
// Mounted after it: guarded.
app.use("/reports", reports);

export default app;
