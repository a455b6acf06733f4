const helmet = require("helmet");

// ruleid: evidence-security-headers
app.use(helmet());
// ruleid: evidence-security-headers
app.use(helmet({ contentSecurityPolicy: false }));
// ruleid: evidence-security-headers
app.use(helmet.hsts({ maxAge: 31536000 }));

// ok: evidence-security-headers
app.use(express.json());
// ok: evidence-security-headers
app.use(cors());
// ok: evidence-security-headers
app.disable("x-powered-by");
