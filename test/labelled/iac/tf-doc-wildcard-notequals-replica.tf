data "aws_iam_policy_document" "replica_t12" {
  statement {
    sid       = "AllButOneAccount"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalAccount"
      values   = ["999988887777"]
    }
  }
}

resource "aws_kms_replica_key" "replica_t12" {
  primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"
  policy          = data.aws_iam_policy_document.replica_t12.json
}
