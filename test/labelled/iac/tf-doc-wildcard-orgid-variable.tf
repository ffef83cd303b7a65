variable "org_id_t11" {
  type = string
}

data "aws_iam_policy_document" "key_t11" {
  statement {
    sid       = "OurOrg"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.org_id_t11]
    }
  }
}

resource "aws_kms_key" "app_t11" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key_t11.json
}
