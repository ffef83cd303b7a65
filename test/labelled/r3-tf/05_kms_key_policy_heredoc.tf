# Key created without a policy; the policy is attached by aws_kms_key_policy as heredoc JSON.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "ebs" {
  description         = "EBS default encryption key"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "ebs" {
  key_id = aws_kms_key.ebs.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Id": "ebs-key-policy",
  "Statement": [
    {
      "Sid": "EnableIAMUserPermissions",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"},
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "AllowAccessThroughEBSForAllPrincipalsInTheAccount",
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:CreateGrant",
        "kms:DescribeKey"
      ],
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "kms:ViaService": "ec2.us-east-1.amazonaws.com",
          "kms:CallerAccount": "${data.aws_caller_identity.current.account_id}"
        }
      }
    },
    {
      "Sid": "AllowGrantsForAWSResources",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "kms:CreateGrant",
      "Resource": "*",
      "Condition": {
        "Bool": {"kms:GrantIsForAWSResource": "true"}
      }
    }
  ]
}
EOF
}
