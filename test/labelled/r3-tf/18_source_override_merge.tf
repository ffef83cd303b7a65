# Policy documents merged with source_policy_documents and override_policy_documents.
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "EnableIAMUserPermissions"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

data "aws_iam_policy_document" "consumers" {
  statement {
    sid       = "Consumers"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }
}

data "aws_iam_policy_document" "consumers_override" {
  statement {
    sid       = "Consumers"
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringLike"
      variable = "aws:PrincipalOrgID"
      values   = ["o-*"]
    }
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json, data.aws_iam_policy_document.consumers.json]
  override_policy_documents = [data.aws_iam_policy_document.consumers_override.json]

  statement {
    sid       = "BackupService"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["backup.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "shared" {
  description         = "shared key with a merged policy"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.combined.json
}
