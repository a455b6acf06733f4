const Sentry = require("@sentry/node");

// ruleid: evidence-error-monitoring
Sentry.init({ dsn: process.env.SENTRY_DSN });
// ruleid: evidence-error-monitoring
const rollbar = new Rollbar({ accessToken: process.env.ROLLBAR_TOKEN });
// ruleid: evidence-error-monitoring
require("dd-trace").init({ service: "api" });

// ok: evidence-error-monitoring
console.error(err);
// ok: evidence-error-monitoring
app.init();
// ok: evidence-error-monitoring
const logger = pino();
