data "aws_iam_policy_document" "key_t33" {
  statement {
    sid       = "Everyone"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key" "app_t33" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key_t33.json
}
