import sentry_sdk

# ruleid: pii-sent-to-error-tracker
sentry_sdk.init(dsn=DSN, send_default_pii=True)
# ruleid: pii-sent-to-error-tracker
sentry_sdk.init(DSN, traces_sample_rate=0.1, send_default_pii=True)
# ruleid: pii-sent-to-error-tracker
sentry_sdk.init(send_default_pii=True, environment="prod")
# ok: pii-sent-to-error-tracker
sentry_sdk.init(dsn=DSN)
# ok: pii-sent-to-error-tracker
sentry_sdk.init(dsn=DSN, send_default_pii=False)
# ok: pii-sent-to-error-tracker
other.init(send_default_pii=True)
