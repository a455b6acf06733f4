import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as rds from "aws-cdk-lib/aws-rds";
import * as s3 from "aws-cdk-lib/aws-s3";

// ruleid: encryption-at-rest-disabled
new rds.DatabaseCluster(this, "Db", { engine, storageEncrypted: false });
// ruleid: encryption-at-rest-disabled
new s3.Bucket(this, "Exports", { encryption: s3.BucketEncryption.UNENCRYPTED });
// ruleid: encryption-at-rest-disabled
new ec2.Volume(this, "Data", { availabilityZone: az, size, encrypted: false });

// ok: encryption-at-rest-disabled
new rds.DatabaseCluster(this, "Db2", { engine, storageEncrypted: true });
// ok: encryption-at-rest-disabled
new s3.Bucket(this, "Docs", { encryption: s3.BucketEncryption.S3_MANAGED });
// ok: encryption-at-rest-disabled
new ec2.Volume(this, "Tmp", { availabilityZone: az, size });
