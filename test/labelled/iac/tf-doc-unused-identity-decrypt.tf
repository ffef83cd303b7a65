# Used nowhere: no principals, so it is read as an identity policy.
data "aws_iam_policy_document" "orphan_identity_t15" {
  statement {
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}
