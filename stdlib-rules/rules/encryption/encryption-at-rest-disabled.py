from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_rds as rds
from aws_cdk import aws_s3 as s3

# ruleid: encryption-at-rest-disabled
db = rds.DatabaseInstance(self, "Db", engine=engine, storage_encrypted=False)
# ruleid: encryption-at-rest-disabled
bucket = s3.Bucket(self, "Exports", encryption=s3.BucketEncryption.UNENCRYPTED)
# ruleid: encryption-at-rest-disabled
rds_client.create_db_instance(DBInstanceIdentifier="db", StorageEncrypted=False)

# ok: encryption-at-rest-disabled
db2 = rds.DatabaseInstance(self, "Db2", engine=engine, storage_encrypted=True)
# ok: encryption-at-rest-disabled
bucket2 = s3.Bucket(self, "Docs", encryption=s3.BucketEncryption.KMS)
# ok: encryption-at-rest-disabled
volume = ec2.Volume(self, "Data", availability_zone=az, size=size)
