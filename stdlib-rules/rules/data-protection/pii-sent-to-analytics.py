import analytics
import posthog


def on_signup(user):
    # ruleid: pii-sent-to-analytics
    analytics.track(user.id, "Signed Up", {"plan": user.plan, "email": user.email})
    # ruleid: pii-sent-to-analytics
    posthog.capture(user.id, "checkout", properties={"phone_number": user.phone})
    # ruleid: pii-sent-to-analytics
    analytics.track(user_id=user.id, event="Moved", properties={"address": user.address})
    # ok: pii-sent-to-analytics
    analytics.track(user.id, "Signed Up", {"plan": user.plan})
    # ok: pii-sent-to-analytics
    analytics.identify(user.id, {"email": user.email})
    # ok: pii-sent-to-analytics
    tracker.track(user.id, "Signed Up", {"email": user.email})
