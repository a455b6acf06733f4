// ruleid: uncaught-exception-swallowed
process.on("uncaughtException", () => {});
// ruleid: uncaught-exception-swallowed
process.on("unhandledRejection", (reason) => {
  counter += 1;
});
// ruleid: uncaught-exception-swallowed
process.on("uncaughtException", function (err) {
  lastError = err;
});

// ok: uncaught-exception-swallowed
process.on("uncaughtException", (err) => {
  logger.fatal(err);
  process.exit(1);
});
// ok: uncaught-exception-swallowed
process.on("unhandledRejection", (reason) => {
  Sentry.captureException(reason);
});
// ok: uncaught-exception-swallowed
process.on("SIGTERM", () => {});
// ok: uncaught-exception-swallowed
process.on("uncaughtException", (err) => {
  ioSession.logError(err, "unknown");
});
