try {
  doWork();
// ruleid: swallowed-exception
} catch (e) {}

try {
  charge(card);
// ruleid: swallowed-exception
} catch {
  // ignore
}

// ruleid: swallowed-exception
fetchOrders().catch(() => {});

// ruleid: swallowed-exception
save(record).catch(function (err) {});

try {
  doWork();
// ok: swallowed-exception
} catch (e) {
  logger.error("work failed", e);
}

// ok: swallowed-exception
fetchOrders().catch((err) => console.error(err));

try {
  await sync();
// ok: swallowed-exception
} catch (e) {
  throw new SyncError("sync failed", { cause: e });
}
