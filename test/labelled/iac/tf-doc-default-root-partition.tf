data "aws_caller_identity" "current_t02" {}
data "aws_partition" "current_t02" {}

data "aws_iam_policy_document" "key_t02" {
  statement {
    sid       = "Enable IAM User Permissions"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current_t02.partition}:iam::${data.aws_caller_identity.current_t02.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "app_t02" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key_t02.json
}
