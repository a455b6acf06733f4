const Sentry = require("@sentry/node");

// ruleid: pii-sent-to-error-tracker
Sentry.init({ dsn, sendDefaultPii: true });
// ruleid: pii-sent-to-error-tracker
Sentry.init({ dsn, tracesSampleRate: 0.1, sendDefaultPii: true });
// ruleid: pii-sent-to-error-tracker
SentryBrowser.init({ sendDefaultPii: true, environment: "prod" });
// ok: pii-sent-to-error-tracker
Sentry.init({ dsn });
// ok: pii-sent-to-error-tracker
Sentry.init({ dsn, sendDefaultPii: false });
// ok: pii-sent-to-error-tracker
Sentry.init({ dsn, tracesSampleRate: 0.2 });
