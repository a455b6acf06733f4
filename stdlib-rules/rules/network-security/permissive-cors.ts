import cors from "cors";
import express, { Express } from "express";

const app: Express = express();

// ruleid: permissive-cors
app.use(cors({ origin: "*", credentials: true }));

// ruleid: permissive-cors
app.use(cors({ origin: true, credentials: true }));

app.use((req, res, next) => {
  // ruleid: permissive-cors
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin as string);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

// ok: permissive-cors
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));

// ok: permissive-cors
app.use(cors({ origin: "https://app.example.com" }));

const allowed: string[] = ["https://a.example.com"];
// ok: permissive-cors
app.use(cors({ origin: allowed, credentials: true }));
