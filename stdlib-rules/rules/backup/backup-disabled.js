const { Duration, RemovalPolicy, Stack } = require("aws-cdk-lib");
const rds = require("aws-cdk-lib/aws-rds");
const s3 = require("aws-cdk-lib/aws-s3");
const dynamodb = require("aws-cdk-lib/aws-dynamodb");
const aws = require("@pulumi/aws");

class DataStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    // ruleid: backup-disabled
    new rds.DatabaseInstance(this, "Db", { engine, vpc, deletionProtection: false });
    // ruleid: backup-disabled
    new s3.Bucket(this, "Invoices", { versioned: false });
    // ruleid: backup-disabled
    new dynamodb.Table(this, "Orders", { partitionKey, removalPolicy: RemovalPolicy.DESTROY });
    // ok: backup-disabled
    new rds.DatabaseInstance(this, "Db2", { engine, vpc, backupRetention: Duration.days(14), deletionProtection: true });
    // ok: backup-disabled
    new s3.Bucket(this, "Archive", { versioned: true, removalPolicy: RemovalPolicy.RETAIN });
    // ok: backup-disabled
    new logs.LogGroup(this, "Logs", { removalPolicy: RemovalPolicy.DESTROY });
  }
}

// ruleid: backup-disabled
const db = new aws.rds.Instance("db", { engine: "postgres", backupRetentionPeriod: 0 });
// ok: backup-disabled
const db2 = new aws.rds.Instance("db2", { engine: "postgres", backupRetentionPeriod: 7 });
