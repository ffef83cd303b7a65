{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${account_id}:root"},
      "Action": "kms:*",
      "Resource": "*"
    }%{ for arn in user_arns },
    {
      "Sid": "AllowUse",
      "Effect": "Allow",
      "Principal": {"AWS": "${arn}"},
      "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"],
      "Resource": "*"
    }%{ endfor }
  ]
}
