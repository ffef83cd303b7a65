data "aws_iam_policy_document" "key_t10" {
  statement {
    sid       = "AnyOrg"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
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

resource "aws_kms_key" "app_t10" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key_t10.json
}
