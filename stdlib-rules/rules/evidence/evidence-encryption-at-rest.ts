import * as rds from "aws-cdk-lib/aws-rds";
import * as s3 from "aws-cdk-lib/aws-s3";

// ruleid: evidence-encryption-at-rest
new rds.DatabaseInstance(this, "Db", { engine, storageEncrypted: true });
// ruleid: evidence-encryption-at-rest
new s3.Bucket(this, "Docs", { encryption: s3.BucketEncryption.KMS_MANAGED });
// ruleid: evidence-encryption-at-rest
new ec2.Volume(this, "Data", { size, encrypted: true });

// ok: evidence-encryption-at-rest
new rds.DatabaseInstance(this, "Scratch", { engine, storageEncrypted: false });
// ok: evidence-encryption-at-rest
new s3.Bucket(this, "Logs", { encryption: s3.BucketEncryption.UNENCRYPTED });
// ok: evidence-encryption-at-rest
new ec2.Volume(this, "Tmp", { size, encrypted: false });
