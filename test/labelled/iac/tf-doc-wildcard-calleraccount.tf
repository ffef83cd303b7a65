data "aws_caller_identity" "current_t09" {}

data "aws_iam_policy_document" "key_t09" {
  statement {
    sid       = "AccountCallers"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [data.aws_caller_identity.current_t09.account_id]
    }
  }
}

resource "aws_kms_key" "app_t09" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key_t09.json
}
