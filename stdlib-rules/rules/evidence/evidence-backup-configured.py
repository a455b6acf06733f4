from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_rds as rds
from aws_cdk import aws_s3 as s3

# ruleid: evidence-backup-configured
db = rds.DatabaseInstance(self, "Db", engine=engine, backup_retention=Duration.days(7))
# ruleid: evidence-backup-configured
bucket = s3.Bucket(self, "Uploads", versioned=True)
# ruleid: evidence-backup-configured
rds_client.create_db_instance(DBInstanceIdentifier="db", BackupRetentionPeriod=14)

# ok: evidence-backup-configured
scratch = rds.DatabaseInstance(self, "Scratch", engine=engine, backup_retention=Duration.days(0))
# ok: evidence-backup-configured
logs = s3.Bucket(self, "Logs", versioned=False)
# ok: evidence-backup-configured
rds_client.create_db_instance(DBInstanceIdentifier="tmp", BackupRetentionPeriod=0)
