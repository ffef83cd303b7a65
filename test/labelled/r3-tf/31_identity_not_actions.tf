# Identity policies with not_actions: which ones still allow kms:Decrypt or kms:ReEncryptFrom on every key.
data "aws_iam_policy_document" "analyst" {
  statement {
    sid         = "AllButDecryptAndReEncrypt"
    not_actions = ["kms:Decrypt", "kms:ReEncrypt*"]
    resources   = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1"]
    }
  }

  statement {
    sid         = "AllButDecrypt"
    not_actions = ["kms:Decrypt", "iam:*"]
    resources   = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1"]
    }
  }

  statement {
    sid         = "NothingFromKms"
    not_actions = ["kms:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_role" "analyst" {
  name = "analyst"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "analyst" {
  name   = "analyst"
  role   = aws_iam_role.analyst.id
  policy = data.aws_iam_policy_document.analyst.json
}

data "aws_iam_policy_document" "everything_but_one_key" {
  statement {
    sid           = "DecryptAllButOneKey"
    actions       = ["kms:Decrypt"]
    not_resources = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}

resource "aws_iam_policy" "everything_but_one_key" {
  name   = "decrypt-all-but-one"
  policy = data.aws_iam_policy_document.everything_but_one_key.json
}
