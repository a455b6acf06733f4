import boto3
import pulumi_aws as aws
from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_rds as rds
from aws_cdk import aws_s3 as s3


class DataStack(Stack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        # ruleid: backup-disabled
        rds.DatabaseInstance(self, "Db", engine=engine, vpc=vpc, backup_retention=Duration.days(0))
        # ruleid: backup-disabled
        dynamodb.Table(self, "Orders", partition_key=key, point_in_time_recovery=False)
        # ruleid: backup-disabled
        s3.Bucket(self, "Invoices", removal_policy=RemovalPolicy.DESTROY)
        # ok: backup-disabled
        rds.DatabaseInstance(self, "Db2", engine=engine, vpc=vpc, backup_retention=Duration.days(14), deletion_protection=True)
        # ok: backup-disabled
        s3.Bucket(self, "Archive", versioned=True, removal_policy=RemovalPolicy.RETAIN)
        # A log group is not stored business data.
        # ok: backup-disabled
        logs.LogGroup(self, "Logs", removal_policy=RemovalPolicy.DESTROY)


# ruleid: backup-disabled
db = aws.rds.Instance("db", engine="postgres", backup_retention_period=0, skip_final_snapshot=True)

client = boto3.client("s3")
# ruleid: backup-disabled
client.put_bucket_versioning(Bucket="invoices", VersioningConfiguration={"Status": "Suspended"})
# ok: backup-disabled
client.put_bucket_versioning(Bucket="invoices", VersioningConfiguration={"Status": "Enabled"})
# ok: backup-disabled
aws.rds.Instance("db2", engine="postgres", backup_retention_period=7)
