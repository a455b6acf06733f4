import boto3
from aws_cdk import aws_s3 as s3

s3_client = boto3.client("s3")

# ruleid: public-object-storage
site = s3.Bucket(self, "Site", public_read_access=True)
# ruleid: public-object-storage
s3_client.put_object(Bucket="exports", Key=key, Body=data, ACL="public-read")
# ruleid: public-object-storage
s3_client.upload_file(path, "exports", key, ExtraArgs={"ACL": "public-read"})

# ok: public-object-storage
private = s3.Bucket(self, "Data", block_public_access=s3.BlockPublicAccess.BLOCK_ALL)
# ok: public-object-storage
s3_client.put_object(Bucket="exports", Key=key, Body=data, ACL="private")
# ok: public-object-storage
s3_client.put_object(Bucket="exports", Key=key, Body=data)
