data "aws_iam_policy_document" "key_t13" {
  statement {
    sid       = "EveryoneButBlocked"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/Blocked"]
    }
  }
}

resource "aws_kms_key" "app_t13" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "app_t13" {
  key_id = aws_kms_key.app_t13.id
  policy = data.aws_iam_policy_document.key_t13.json
}
