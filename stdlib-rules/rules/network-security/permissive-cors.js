const cors = require("cors");

// ruleid: permissive-cors
app.use(cors({ origin: true, credentials: true }));
// ruleid: permissive-cors
app.use(cors({ credentials: true, origin: "*" }));

app.use((req, res, next) => {
  // ruleid: permissive-cors
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

// ok: permissive-cors
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
// A public API without credentials.
// ok: permissive-cors
app.use(cors({ origin: "*" }));
// ok: permissive-cors
app.use(cors());
// ok: permissive-cors
res.setHeader("Access-Control-Allow-Origin", "https://app.example.com");

var corsOptions = {
  origin: true,
  credentials: true,
};
// ruleid: permissive-cors
app.use(cors(corsOptions));

var strictOptions = { origin: ['https://app.example.com'], credentials: true };
// ok: permissive-cors
app.use(cors(strictOptions));

// ruleid: permissive-cors
app.use(cors({ origin: (origin, callback) => callback(null, true), credentials: true }));
// ok: permissive-cors
app.use(cors({ origin: (origin, callback) => callback(null, allowed.includes(origin)), credentials: true }));
