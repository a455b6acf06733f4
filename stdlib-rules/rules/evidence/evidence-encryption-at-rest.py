from aws_cdk import aws_rds as rds
from aws_cdk import aws_s3 as s3

# ruleid: evidence-encryption-at-rest
db = rds.DatabaseInstance(self, "Db", engine=engine, storage_encrypted=True)
# ruleid: evidence-encryption-at-rest
bucket = s3.Bucket(self, "Docs", encryption=s3.BucketEncryption.KMS)
# ruleid: evidence-encryption-at-rest
s3_client.put_bucket_encryption(Bucket="docs", ServerSideEncryptionConfiguration=config)

# ok: evidence-encryption-at-rest
scratch = rds.DatabaseInstance(self, "Scratch", engine=engine, storage_encrypted=False)
# ok: evidence-encryption-at-rest
logs = s3.Bucket(self, "Logs", encryption=s3.BucketEncryption.UNENCRYPTED)
# ok: evidence-encryption-at-rest
s3_client.put_bucket_versioning(Bucket="docs", VersioningConfiguration=v)
