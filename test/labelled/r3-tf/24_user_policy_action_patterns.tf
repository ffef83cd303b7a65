# Identity policies with action case, globs and resource patterns.
data "aws_caller_identity" "current" {}

resource "aws_iam_user" "svc" {
  name = "svc-reader"
}

resource "aws_iam_user_policy" "svc" {
  name = "svc-kms"
  user = aws_iam_user.svc.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "UpperCaseAction"
        Effect   = "Allow"
        Action   = "KMS:decrypt"
        Resource = ["arn:aws:kms:*"]
      },
      {
        Sid      = "DeGlob"
        Effect   = "Allow"
        Action   = ["kms:De*"]
        Resource = "*"
      },
      {
        Sid      = "ReadMetadata"
        Effect   = "Allow"
        Action   = ["kms:Get*", "kms:List*", "kms:Describe*"]
        Resource = "*"
      },
      {
        Sid      = "FullOnOwnKeysWithMfa"
        Effect   = "Allow"
        Action   = "kms:*"
        Resource = "arn:aws:kms:*:${data.aws_caller_identity.current.account_id}:key/*"
        Condition = {
          Bool = { "aws:MultiFactorAuthPresent" = "true" }
        }
      },
      {
        Sid      = "NoDecryptAnywhere"
        Effect   = "Deny"
        Action   = "kms:Decrypt"
        Resource = "*"
      },
      {
        Sid      = "AllKeysAllAccounts"
        Effect   = "Allow"
        Action   = ["kms:ReEncryptFrom", "kms:ReEncryptTo"]
        Resource = "arn:aws:kms:*:*:*"
      },
    ]
  })
}
