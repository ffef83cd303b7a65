resource "aws_iam_user_policy" "decrypt_t22" {
  name   = "decrypt-any-kms"
  user   = "alice"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "arn:aws:kms:*"
    }
  ]
}
EOF
}
