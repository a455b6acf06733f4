from aws_cdk import aws_ec2 as ec2

# ruleid: admin-port-open-to-world
sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(22), "ssh")
# ruleid: admin-port-open-to-world
db_sg.connections.allow_from_any_ipv4(ec2.Port.tcp(5432))

ec2_client.authorize_security_group_ingress(
    GroupId=group_id,
    IpPermissions=[
        # ruleid: admin-port-open-to-world
        {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
    ],
)

# ok: admin-port-open-to-world
sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(443), "https")
# ok: admin-port-open-to-world
sg.add_ingress_rule(ec2.Peer.ipv4("10.0.0.0/16"), ec2.Port.tcp(22), "ssh from the vpc")
# ok: admin-port-open-to-world
db_sg.connections.allow_from(app_sg, ec2.Port.tcp(5432))
