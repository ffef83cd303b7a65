# aws_iam_user_policy (heredoc) and aws_iam_group_policy (jsonencode).
data "aws_caller_identity" "current" {}

resource "aws_iam_user" "ops" {
  name = "ops-bot"
}

resource "aws_iam_group" "analysts" {
  name = "analysts"
}

resource "aws_iam_user_policy" "ops_kms" {
  name   = "ops-kms"
  user   = aws_iam_user.ops.name
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "KmsAdmin",
      "Effect": "Allow",
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_iam_group_policy" "analysts_kms" {
  name  = "analysts-kms"
  group = aws_iam_group.analysts.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DecryptAnyAccountKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = "arn:aws:kms:*:*:key/*"
      },
      {
        Sid      = "DecryptOwnAccountKeys"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:DescribeKey"]
        Resource = "arn:aws:kms:*:${data.aws_caller_identity.current.account_id}:key/*"
      },
      {
        Sid      = "DecryptOneKey"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      },
    ]
  })
}
