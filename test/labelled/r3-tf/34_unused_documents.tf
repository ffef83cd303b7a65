# Policy documents not attached to anything in this file: kind from whether statements have principals.
data "aws_iam_policy_document" "loose_identity" {
  statement {
    sid       = "KmsEverything"
    actions   = ["kms:*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "loose_key_policy" {
  statement {
    sid       = "EnableIAMUserPermissions"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }

  statement {
    sid       = "PublicDecrypt"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/app", "*"]
    }
  }
}

output "identity_json" {
  value = data.aws_iam_policy_document.loose_identity.json
}

output "key_policy_json" {
  value = data.aws_iam_policy_document.loose_key_policy.json
}
