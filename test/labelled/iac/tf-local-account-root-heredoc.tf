variable "account_id" {
  type = string
}

locals {
  account_id = var.account_id
}

resource "aws_kms_key" "app_t03" {
  enable_key_rotation = true
  policy              = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${local.account_id}:root"},
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "AppUse",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${local.account_id}:role/app"},
      "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"],
      "Resource": "*"
    }
  ]
}
EOF
}
