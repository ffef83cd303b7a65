resource "aws_kms_key" "app" {
  description = "Allow"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
      Resource  = "*"
      Condition = {
        StringEquals = { "kms:CallerAccount" = data.aws_caller_identity.current.account_id }
        "ForAnyValue:StringLike" = { "aws:PrincipalOrgPaths" = ["o-a1b2c3d4e5/*"] }
      }
    }]
  })
}

# "kms:Decrypt" in a comment stays a comment
data "aws_iam_policy_document" "key" {
  statement {
    effect    = "Deny"
    actions   = ["kms:*"]
    resources = ["arn:aws:kms:${var.region}:${var.account_id}:key/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEqualsIfExists"
      variable = "kms:CallerAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_policy" "heredoc" {
  policy = <<EOT
{"Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}
EOT
}
