variable "account_id_t34" {
  type = string
}

data "aws_iam_policy_document" "key_t34" {
  statement {
    sid       = "OurRoles"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::${var.account_id_t34}:role/*"]
    }
  }
}

resource "aws_kms_key" "app_t34" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key_t34.json
}
