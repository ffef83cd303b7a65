data "aws_iam_policy_document" "admin_t25" {
  statement {
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = [aws_kms_key.app_t25.arn]
  }
}

resource "aws_iam_role_policy" "admin_t25" {
  name   = "key-admin"
  role   = "admin-role"
  policy = data.aws_iam_policy_document.admin_t25.json
}
