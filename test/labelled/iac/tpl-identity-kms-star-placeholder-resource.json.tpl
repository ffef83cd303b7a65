{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "KeyAdmin",
      "Effect": "Allow",
      "Action": "kms:*",
      "Resource": ${jsonencode(key_arns)}
    }
  ]
}
