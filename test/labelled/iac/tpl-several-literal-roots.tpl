{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "RootA",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "RootB",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "App",
      "Effect": "Allow",
      "Principal": {"AWS": "${app_role_arn}"},
      "Action": "kms:Decrypt",
      "Resource": "*"
    }
  ]
}
