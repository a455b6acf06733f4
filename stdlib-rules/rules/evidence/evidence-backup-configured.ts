import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as rds from "aws-cdk-lib/aws-rds";
import * as s3 from "aws-cdk-lib/aws-s3";

// ruleid: evidence-backup-configured
new rds.DatabaseInstance(this, "Db", { engine, backupRetention: Duration.days(7) });
// ruleid: evidence-backup-configured
new s3.Bucket(this, "Uploads", { versioned: true });
// ruleid: evidence-backup-configured
new rds.DatabaseCluster(this, "Cluster", { engine, deletionProtection: true });

// ok: evidence-backup-configured
new rds.DatabaseInstance(this, "Scratch", { engine, backupRetention: Duration.days(0) });
// ok: evidence-backup-configured
new s3.Bucket(this, "Logs", { versioned: false });
// ok: evidence-backup-configured
new rds.DatabaseCluster(this, "Tmp", { engine, deletionProtection: false });
