# Shared AMI / snapshot key used by the workload accounts of the organization.

variable "org_id" {
  type = string
}

variable "consumer_account_ids" {
  type    = list(string)
  default = ["222233334444", "333344445555"]
}

data "aws_caller_identity" "current" {}

locals {
  consumer_arns = [for id in var.consumer_account_ids : "arn:aws:iam::${id}:root"]
}

resource "aws_kms_key" "shared_ami" {
  description             = "Shared golden AMI snapshots"
  enable_key_rotation     = false
  deletion_window_in_days = 30
  multi_region            = false

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Enable IAM User Permissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid    = "Security tooling account (temporary)"
        Effect = "Allow"
        Principal = {
          AWS = [
            "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/ami-builder",
            "arn:aws:iam::444455556666:root",
          ]
        }
        Action   = "kms:*"
        Resource = "*"
      },
      {
        Sid       = "Consumers launch from shared snapshots"
        Effect    = "Allow"
        Principal = { AWS = local.consumer_arns }
        Action = [
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:ReEncrypt*",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:CreateGrant",
        ]
        Resource = "*"
      },
      {
        Sid       = "Organization accounts via EC2"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "aws:PrincipalOrgID" = var.org_id
          }
          StringLike = {
            "kms:ViaService" = "ec2.*.amazonaws.com"
          }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "shared_ami" {
  name          = "alias/shared-ami"
  target_key_id = aws_kms_key.shared_ami.key_id
}
