{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Root",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${account_id}:root"},
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "Partner",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${partner_account_id}:root"},
      "Action": ["kms:Decrypt"],
      "Resource": "*"
    },
    {
      "Sid": "Consumers",
      "Effect": "Allow",
      "Principal": {"AWS": ${jsonencode(consumer_role_arns)}},
      "Action": ["kms:Decrypt"],
      "Resource": "*"
    }
  ]
}
