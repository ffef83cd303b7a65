{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DecryptOurKeys",
      "Effect": "Allow",
      "Action": ["kms:Decrypt", "kms:ReEncryptFrom"],
      "Resource": "arn:aws:kms:${region}:${account_id}:key/${key_id}"
    },
    {
      "Sid": "DecryptListed",
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": ${jsonencode(key_arns)}
    }
  ]
}
