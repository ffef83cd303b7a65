# Only Deny statements and non-decrypt reads: nothing to report.
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "guarded" {
  statement {
    sid       = "EnableIAMUserPermissions"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "DenyOutsideOrg"
    effect    = "Deny"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }

  statement {
    sid       = "DenyEveryoneButAdmins"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = ["*"]

    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/admin"]
    }
  }
}

resource "aws_kms_key" "guarded" {
  description         = "guarded key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.guarded.json
}

resource "aws_iam_policy" "kms_readonly" {
  name = "kms-readonly"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:ListKeys", "kms:ListAliases", "kms:DescribeKey", "kms:GetKeyRotationStatus"]
        Resource = "*"
      },
      {
        Effect   = "Deny"
        Action   = ["kms:Decrypt", "kms:ReEncrypt*"]
        Resource = "*"
      },
      {
        Effect   = "Deny"
        Action   = "kms:*"
        Resource = "*"
        Condition = {
          Bool = { "aws:MultiFactorAuthPresent" = "false" }
        }
      },
    ]
  })
}
