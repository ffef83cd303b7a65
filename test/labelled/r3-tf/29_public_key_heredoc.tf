# A key opened to everyone with kms:*, written as heredoc JSON; rotation not set.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "public" {
  description  = "temporary debugging key"
  multi_region = false
  policy       = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnableIAMUserPermissions",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"},
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "Everyone",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "OrgEncrypt",
      "Effect": "Allow",
      "Principal": {"AWS": ["*"]},
      "Action": ["kms:Encrypt"],
      "Resource": "*",
      "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
    }
  ]
}
EOT
}
