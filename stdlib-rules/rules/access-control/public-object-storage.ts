import * as aws from "@pulumi/aws";
import * as s3 from "aws-cdk-lib/aws-s3";

// ruleid: public-object-storage
new s3.Bucket(this, "Site", { publicReadAccess: true, websiteIndexDocument: "index.html" });
// ruleid: public-object-storage
new aws.s3.BucketObject("report", { bucket: bucket.id, acl: "public-read", source });
// ruleid: public-object-storage
await client.send(new PutObjectCommand({ Bucket: "exports", Key: key, Body: data, ACL: "public-read" }));

// ok: public-object-storage
new s3.Bucket(this, "Data", { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
// ok: public-object-storage
new aws.s3.BucketObject("report", { bucket: bucket.id, acl: "private", source });
// ok: public-object-storage
new s3.Bucket(this, "Logs", { publicReadAccess: false });
