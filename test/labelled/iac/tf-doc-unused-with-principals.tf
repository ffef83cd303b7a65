# Used nowhere: statements have principals, so it is read as a key policy.
data "aws_iam_policy_document" "orphan_key_t14" {
  statement {
    sid       = "Open"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
