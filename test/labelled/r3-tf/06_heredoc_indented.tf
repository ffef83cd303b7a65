# Indented heredoc (<<-EOT) with interpolations; rotation switched off.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

variable "region" {
  type    = string
  default = "us-east-1"
}

resource "aws_kms_key" "cloudwatch_logs" {
  description         = "CloudWatch Logs encryption"
  enable_key_rotation = false
  policy              = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "EnableIAMUserPermissions",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"},
          "Action": "kms:*",
          "Resource": "*"
        },
        {
          "Sid": "AllowCloudWatchLogs",
          "Effect": "Allow",
          "Principal": {"Service": "logs.${var.region}.amazonaws.com"},
          "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          "Resource": "*",
          "Condition": {
            "ArnLike": {
              "kms:EncryptionContext:aws:logs:arn": "arn:${data.aws_partition.current.partition}:logs:${var.region}:${data.aws_caller_identity.current.account_id}:log-group:*"
            }
          }
        },
        {
          "Sid": "OpsFullAccess",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/ops"},
          "Action": "kms:*",
          "Resource": "*"
        }
      ]
    }
  EOT
}
