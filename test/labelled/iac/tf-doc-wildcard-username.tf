data "aws_iam_policy_document" "key_t36" {
  statement {
    sid       = "ByUserName"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:username"
      values   = ["alice"]
    }
  }
}

resource "aws_kms_key" "app_t36" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key_t36.json
}
