# aws_iam_policy built from an aws_iam_policy_document (identity policy).
resource "aws_kms_key" "app" {
  description         = "app key"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "app_access" {
  statement {
    sid       = "ReEncryptAnywhere"
    actions   = ["kms:ReEncrypt*"]
    resources = ["*"]
  }

  statement {
    sid       = "DecryptAppKey"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"]
    resources = [aws_kms_key.app.arn]
  }

  statement {
    sid       = "FullAccessToAppKeyInRegion"
    actions   = ["kms:*"]
    resources = [aws_kms_key.app.arn]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1"]
    }
  }

  statement {
    sid       = "DecryptViaS3"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    condition {
      test     = "StringLike"
      variable = "kms:ViaService"
      values   = ["s3.*.amazonaws.com"]
    }
  }

  statement {
    sid         = "AllButKeyLifecycleInRegion"
    not_actions = ["kms:Create*", "kms:Delete*", "kms:ScheduleKeyDeletion"]
    resources   = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1"]
    }
  }
}

resource "aws_iam_policy" "app_access" {
  name   = "app-kms-access"
  policy = data.aws_iam_policy_document.app_access.json
}
