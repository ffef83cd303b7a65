# One policy document used both as a key policy and as a role's identity policy.
data "aws_iam_policy_document" "shared" {
  statement {
    sid = "KeyAdministration"
    actions = [
      "kms:Create*",
      "kms:Describe*",
      "kms:Enable*",
      "kms:List*",
      "kms:Put*",
      "kms:Update*",
      "kms:Revoke*",
      "kms:Disable*",
      "kms:Get*",
      "kms:Delete*",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:ScheduleKeyDeletion",
      "kms:CancelKeyDeletion",
    ]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/KeyAdmins"]
    }
  }

  statement {
    sid       = "AppRoleEverything"
    actions   = ["kms:*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/app"]
    }
  }
}

resource "aws_kms_key" "shared" {
  description         = "key whose policy is reused elsewhere"
  enable_key_rotation = false
  policy              = data.aws_iam_policy_document.shared.json
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "app" {
  name   = "app-kms"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.shared.json
}
