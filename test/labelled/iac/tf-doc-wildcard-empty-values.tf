data "aws_iam_policy_document" "key_t35" {
  statement {
    sid       = "EmptyOrgList"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = []
    }
  }
}

resource "aws_kms_key" "app_t35" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key_t35.json
}
