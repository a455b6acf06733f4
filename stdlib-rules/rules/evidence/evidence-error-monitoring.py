import os

import rollbar
import sentry_sdk

# ruleid: evidence-error-monitoring
sentry_sdk.init(dsn=os.environ["SENTRY_DSN"], traces_sample_rate=0.1)
# ruleid: evidence-error-monitoring
rollbar.init(os.environ["ROLLBAR_TOKEN"], "production")
# ruleid: evidence-error-monitoring
provider = TracerProvider(resource=resource)

# ok: evidence-error-monitoring
logging.basicConfig(level=logging.INFO)
# ok: evidence-error-monitoring
app.init(config)
# ok: evidence-error-monitoring
print("started")
