import * as aws from "@pulumi/aws";
import * as ec2 from "aws-cdk-lib/aws-ec2";

// ruleid: admin-port-open-to-world
sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), "ssh");
// ruleid: admin-port-open-to-world
dbSg.connections.allowFromAnyIpv4(ec2.Port.tcp(3306));

new aws.ec2.SecurityGroup("db", {
  ingress: [
    // ruleid: admin-port-open-to-world
    { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] },
    // ok: admin-port-open-to-world
    { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] },
  ],
});

// ok: admin-port-open-to-world
sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), "https");
// ok: admin-port-open-to-world
sg.addIngressRule(ec2.Peer.ipv4("10.0.0.0/16"), ec2.Port.tcp(22), "ssh from the vpc");
