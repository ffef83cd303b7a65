# Key policy: Resource "*" means this key, so kms-decrypt-all-resources never applies.
data "aws_iam_policy_document" "key_t19" {
  statement {
    sid       = "AppDecrypt"
    actions   = ["kms:Decrypt", "kms:ReEncryptFrom"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.app_t19.arn]
    }
  }
}

resource "aws_kms_key" "app_t19" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key_t19.json
}
