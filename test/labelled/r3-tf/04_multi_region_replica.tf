# Multi-Region primary key in us-east-1 and replicas in eu-west-1.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "replica"
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "primary" {
  statement {
    sid       = "EnableIAMUserPermissions"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "primary" {
  description         = "multi-Region primary"
  multi_region        = true
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.primary.json
}

resource "aws_kms_replica_key" "eu" {
  provider                = aws.replica
  description             = "multi-Region replica for S3 in eu-west-1"
  primary_key_arn         = aws_kms_key.primary.arn
  deletion_window_in_days = 7

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AllowS3InRegion"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "kms:ViaService" = "s3.eu-west-1.amazonaws.com"
          }
        }
      },
    ]
  })
}

resource "aws_kms_replica_key" "eu_default_policy" {
  provider        = aws.replica
  description     = "replica without an explicit policy"
  primary_key_arn = aws_kms_key.primary.arn
}
