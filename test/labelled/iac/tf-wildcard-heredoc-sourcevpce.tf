resource "aws_kms_key" "ebs_t08" {
  enable_key_rotation = true
  policy              = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ThroughOurEndpointOnly",
          "Effect": "Allow",
          "Principal": "*",
          "Action": ["kms:Decrypt", "kms:Encrypt"],
          "Resource": "*",
          "Condition": {
            "StringEquals": {"aws:SourceVpce": "${aws_vpc_endpoint.kms_t08.id}"}
          }
        }
      ]
    }
  EOT
}
