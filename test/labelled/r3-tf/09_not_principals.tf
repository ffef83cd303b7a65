# not_principals in Allow and Deny statements; two principals blocks in one statement.
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "vault" {
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
    sid       = "EveryoneButTheAuditor"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = ["*"]

    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/auditor"]
    }
  }

  statement {
    sid       = "EveryoneInTheOrgButTheAuditor"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["*"]

    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/auditor"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }

  statement {
    sid       = "DenyDeletionExceptBreakGlass"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion", "kms:DisableKey"]
    resources = ["*"]

    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/break-glass"]
    }
  }

  statement {
    sid       = "ReaderAndEveryone"
    effect    = "Allow"
    actions   = ["kms:DescribeKey", "kms:GetPublicKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/reader"]
    }

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key" "vault" {
  description         = "vault key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.vault.json
}
