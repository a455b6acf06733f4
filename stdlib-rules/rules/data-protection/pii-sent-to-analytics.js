function onSignup(user) {
  // ruleid: pii-sent-to-analytics
  analytics.track("Signed Up", { plan: user.plan, email: user.email });
  // ruleid: pii-sent-to-analytics
  mixpanel.track("Checkout", { phone: user.phone, total: cart.total });
  const email = user.email;
  // ruleid: pii-sent-to-analytics
  posthog.capture("profile_updated", { email });
  // ok: pii-sent-to-analytics
  analytics.track("Signed Up", { plan: user.plan, userId: user.id });
  // ok: pii-sent-to-analytics
  analytics.identify(user.id, { email: user.email });
  // ok: pii-sent-to-analytics
  metrics.track("latency", { email: "n/a", ms: 12 });
}
