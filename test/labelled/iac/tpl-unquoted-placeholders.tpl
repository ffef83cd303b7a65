{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Readers",
      "Effect": "Allow",
      "Principal": {"AWS": ${jsonencode(reader_arns)}},
      "Action": "kms:Decrypt",
      "Resource": "*"
    },
    {
      "Sid": "Writers",
      "Effect": "Allow",
      "Principal": ${writer_principal_json},
      "Action": ["kms:Encrypt", "kms:GenerateDataKey"],
      "Resource": "*"
    }
  ]
}
