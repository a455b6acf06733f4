# ruleid: hardcoded-connection-string
DATABASE_URL = "postgres://app:S3cure-Passw0rd@db.internal:5432/prod"

# ruleid: hardcoded-connection-string
engine = create_engine("mysql+pymysql://admin:Zx81-qq42@10.0.0.5/shop")

# ruleid: hardcoded-connection-string
cache = redis.from_url('redis://:hP4ss9@cache:6379/0')

# ok: hardcoded-connection-string
DATABASE_URL = "postgres://app:${DB_PASSWORD}@db.internal:5432/prod"
# ok: hardcoded-connection-string
BROKER = "amqp://guest:password@localhost//"
# ok: hardcoded-connection-string
DSN = "postgresql://{user}:{password}@{host}/{db}"
# ok: hardcoded-connection-string
DATABASE_URL = os.environ["DATABASE_URL"]
# ok: hardcoded-connection-string
HOMEPAGE = "https://example.com/path"
# ok: hardcoded-connection-string
URL = "postgres://user:<password>@localhost/db"
